output "npm_repository_endpoint" {
  description = "URL of the ontopix/npm repository."
  value       = data.aws_codeartifact_repository_endpoint.npm.repository_endpoint
}

output "github_npm_read_role_arn" {
  description = "ARN of the role GitHub Actions assumes to read npm packages."
  value       = aws_iam_role.github_npm_read.arn
}

output "npm_read_policy_arn" {
  description = "ARN of the npm read policy."
  value       = aws_iam_policy.npm_read.arn
}

region = "us-east-1"
release_roles = [
  { name = "api", repo = "api" },
  { name = "worker", repo = "worker" },
]

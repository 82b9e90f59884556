package diag

import (
	"slices"
	"strings"
)

// CodeInfo describes one diagnostic code: what it means and how to fix it.
type CodeInfo struct {
	Code     string
	Severity Severity
	Meaning  string
	Fix      string
}

// IsCode reports whether s has the form of every diagnostic code: a family of one or more
// capital letters, then three digits (TRUST001, SPEC013). It needs no regular expression, so
// diag depends on nothing and compiles nothing at start-up.
func IsCode(s string) bool {
	n := len(s)
	if n < 4 {
		return false
	}
	for i := 0; i < n; i++ {
		c := s[i]
		if i >= n-3 && (c < '0' || c > '9') || i < n-3 && (c < 'A' || c > 'Z') {
			return false
		}
	}
	return true
}

// CatalogueFamilies are the code families whose every code is listed in Catalogue. Lint
// codes (TRUST, QUOTA, ACCESS, RENAME, LINT) are listed by package lint's rules; other
// families belong to the packages that emit them.
var CatalogueFamilies = []string{"SPEC", "VALID", "OUT", "CLI", "WORLD", "REMOVE", "EXPECT", "LIMIT", "BOT", "TRAIL", "KIT", "IMPORT", "GROUP"}

// Family returns the letters of code: "SPEC" for SPEC012.
func Family(code string) string { return strings.TrimRight(code, "0123456789") }

// Lookup returns the catalogue entry of code.
func Lookup(code string) (CodeInfo, bool) {
	for _, part := range catalogueParts() {
		for _, c := range part {
			if c.Code == code {
				return c, true
			}
		}
	}
	return CodeInfo{}, false
}

// Catalogue returns the codes of parsing (SPEC), validation (VALID), writing output (OUT),
// the command line (CLI), the closed world of output directories (WORLD), removals
// (REMOVE), the spec's trust tests (EXPECT), input limits (LIMIT), the CloudTrail files of
// simulate --cloudtrail (TRAIL), the consumer kit (KIT), the adopt section and import
// (IMPORT, codes_import.go) and package groups (GROUP, groups.go), in order. A code never
// changes meaning; a retired code is not reused.
func Catalogue() []CodeInfo { return slices.Concat(catalogueParts()...) }

// catalogueParts are the lists Catalogue joins, in its order.
func catalogueParts() [][]CodeInfo { return [][]CodeInfo{coreCodes, importCodes, groupCodes} }

// coreCodes are the families of Catalogue kept in this file.
var coreCodes = []CodeInfo{
	{"SPEC001", Error, "the spec file is larger than 4 MiB", "Check that this is the spec you meant; split very large specs."},
	{"SPEC002", Error, "the spec has more than 200,000 lines and commas", "Check that this is the spec you meant; split very large specs."},
	{"SPEC003", Error, "the spec is not valid UTF-8", "Save the file as UTF-8 text."},
	{"SPEC004", Error, "the spec contains NEL, LINE SEPARATOR or PARAGRAPH SEPARATOR, which YAML 1.1 reads as a line break", "Remove the character or replace it with a space."},
	{"SPEC005", Error, "the spec is empty", "Start with \"version: 1\"; see specs/ontopix.yaml."},
	{"SPEC006", Error, "invalid YAML syntax", "Fix the syntax: indent with spaces, quote values holding \": \" or starting with *, &, ! or @."},
	{"SPEC007", Error, "the file holds more than one YAML document", "Remove the \"---\" separator and what follows, or move it to its own file."},
	{"SPEC008", Error, "unsupported spec version", "Write version: 1, the only version this build reads."},
	{"SPEC009", Error, "a YAML alias (*name)", "Write the value out in full; aliases are refused so a small file cannot expand and every value is where it applies."},
	{"SPEC010", Error, "a YAML anchor (&name)", "Remove the anchor; aliases are not supported."},
	{"SPEC011", Error, "a custom YAML tag", "Remove the tag; the spec uses plain YAML values."},
	{"SPEC012", Error, "a list or mapping where a single value belongs", "Give one value."},
	{"SPEC013", Error, "a value of the wrong type or form (a number, boolean or string expected)", "Write the value as the message says; quote strings that YAML would read as numbers or booleans."},
	{"SPEC014", Error, "a single value or mapping where a list belongs", "Write a YAML list: [a, b] or one \"- item\" per line."},
	{"SPEC015", Error, "a list with more than 10,000 items", "Split the spec."},
	{"SPEC016", Error, "a value where a mapping of keys to values belongs", "Write one \"key: value\" per line, indented under the key."},
	{"SPEC017", Error, "a required key is missing", "Add the key; it has no default."},
	{"SPEC018", Error, "a merge key (<<)", "Write the keys out in full."},
	{"SPEC019", Error, "a key that is not a plain word", "Keys are plain words such as name or format."},
	{"SPEC020", Error, "a key set twice in one mapping", "Remove one of them; YAML keeps only one."},
	{"SPEC021", Error, "a key people expect that cannot exist (retention, inline_policy, ...)", "Remove it; the message says what to do instead."},
	{"SPEC022", Error, "an unknown key", "Use one of the allowed keys the message lists (a close match is suggested)."},

	{"VALID001", Error, "invalid CodeArtifact domain name", "2 to 50 lower-case letters, digits and \"-\", starting with a letter."},
	{"VALID002", Error, "invalid AWS region", "Write a region code such as eu-central-1."},
	{"VALID003", Error, "invalid AWS account ID", "Exactly 12 digits, quoted to keep leading zeros."},
	{"VALID004", Error, "invalid encryption_key, or a key in another region or partition", "Give the ARN of a KMS key (not an alias: SAFE005) in the domain's region."},
	{"VALID005", Error, "more than 50 tags", "Remove tags; IAM accepts at most 50."},
	{"VALID006", Error, "invalid tag key (empty, too long, reserved aws: prefix, or characters AWS refuses)", "1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with aws:."},
	{"VALID007", Error, "invalid tag value (too long, or characters AWS refuses)", "At most 256 letters, digits, spaces and _ . : / = + - @."},
	{"VALID008", Error, "a description longer than 1000 characters", "Shorten it."},
	{"VALID009", Error, "a description with control characters, or characters IAM refuses in role descriptions", "One line of plain text; for roles, printable ASCII and Latin-1 only."},
	{"VALID010", Error, "a duplicate name", "Remove one of them (IAM names ignore case)."},
	{"VALID011", Error, "two names give the same Terraform address", "Rename one of them."},
	{"VALID012", Error, "more than 5,000 repositories, policies, roles or package groups", "Split the spec, for example by team."},
	{"VALID013", Error, "a quota (trust_policy_size, policies_per_role) out of IAM's range", "Give the quota your account has: 2048-4096 characters, 10-20 policies."},
	{"VALID014", Error, "the spec has no repositories", "List at least one repository."},
	{"VALID015", Error, "invalid repository name", "2 to 100 letters, digits, \".\", \"_\" and \"-\", starting with a letter or digit."},
	{"VALID016", Error, "unknown package format", "Use one of the formats CodeArtifact supports, in lower case."},
	{"VALID017", Error, "an external connection that does not exist or serves another format", "Use the public connection of the repository's format, or remove it."},
	{"VALID018", Warning, "a repository with both upstreams and an external connection", "Give the public registry a repository of its own and use it as an upstream."},
	{"VALID019", Error, "more than 10 direct upstreams", "Chain repositories instead."},
	{"VALID020", Error, "an invalid upstream: itself, listed twice, unknown, or of another format", "List each upstream repository of this spec once, of the same format."},
	{"VALID021", Error, "a request would search more than 25 upstream repositories", "Flatten the upstream graph."},
	{"VALID022", Error, "an upstream cycle", "Remove one of the links the message names."},
	{"VALID023", Error, "invalid GitHub owner name", "Write the owner as GitHub spells it: 1 to 39 letters, digits and inner hyphens."},
	{"VALID024", Error, "invalid oidc_provider", "Use create or existing."},
	{"VALID025", Error, "invalid thumbprints (with oidc_provider: existing, more than 5, or not 40 hex digits)", "Remove them; AWS does not use thumbprints for GitHub's issuer."},
	{"VALID026", Error, "more than one GitHub issuer, or an invalid enterprise_slug, ghe_subdomain or server_host", "Set at most one, in the form the message gives."},
	{"VALID027", Error, "invalid owner_id or repository_ids", "Give the numeric IDs GitHub's API returns."},
	{"VALID028", Error, "invalid subjects setting (needs owner_id, unavailable on GHES, or not name, id or both)", "Use name, id or both, with owner_id for id."},
	{"VALID029", Error, "invalid github.subject_claims (lacks repo, or a malformed claim name)", "Include repo; claim names are lower-case words."},
	{"VALID030", Error, "a policy that grants nothing", "Give it read or publish grants, or remove it."},
	{"VALID031", Error, "a reference to an unknown repository", "Name a repository of this spec."},
	{"VALID032", Error, "invalid namespaces (for a format without namespaces, an npm scope with @, malformed, or missing where required)", "Follow the message; npm scopes are written without @."},
	{"VALID033", Error, "invalid package name", "1 to 255 characters without #, / or white space; scopes and groups go under namespaces."},
	{"VALID034", Error, "invalid IAM role or policy name", "Letters, digits and + = , . @ _ -, up to IAM's length."},
	{"VALID035", Warning, "the spec has no roles", "Add a role so that GitHub workflows can use the registry."},
	{"VALID036", Warning, "a policy attached to no role", "Attach it to a role or remove it."},
	{"VALID037", Error, "a role without policies", "List the policies the role gets."},
	{"VALID038", Error, "a role attaches an unknown policy, or spells it differently", "Attach policies as defined under policies."},
	{"VALID039", Error, "max_session_duration out of range", "3600 to 43200 seconds."},
	{"VALID040", Error, "a role without trust rules", "Add a trust rule naming repositories and contexts."},
	{"VALID041", Error, "invalid, reserved or duplicate output name", "A Terraform identifier of its own per role."},
	{"VALID042", Error, "invalid repositories of a trust rule (none, \"*\" with others, or a malformed name)", "Name the owner's repositories, or [\"*\"] alone."},
	{"VALID043", Error, "a trust rule admits no context, or any_context with other contexts", "Give branches, tags, environments, pull_requests, or any_context alone."},
	{"VALID044", Error, "invalid environment name", "1 to 255 characters without control characters."},
	{"VALID045", Error, "an invisible character in a name or pattern", "Remove it."},
	{"VALID046", Warning, "a character that may be a look-alike of an ASCII letter", "Use ASCII, or silence with the reason if the name is meant."},
	{"VALID047", Error, "an invalid require claim (sub or aud, a claim STS does not offer, or an empty value)", "Require only claims STS offers, with values."},
	{"VALID048", Error, "invalid subject_claims of a trust rule", "Give values for the template's claims only, and a template with a context claim."},
	{"VALID049", Error, "a repository without its ID under subjects: id", "Add it under github.repository_ids, or use subjects: both."},
	{"VALID050", Error, "an invalid silence (unknown lint ID or a reason too short)", "Name the lint by ID and say in a sentence why the risk is accepted."},
	{"VALID051", Error, "a branch, tag or environment pattern no git ref can match", "Fix the pattern as the message says."},
	{"VALID052", Error, "invalid consumer name, or two that share a statement ID", "1 to 64 letters, digits, \".\", \"_\" and \"-\", distinct in letters and digits."},
	{"VALID053", Error, "a consumer without principals", "List the accounts or role and user ARNs."},
	{"VALID054", Error, "a consumer granted nothing", "Give it read or publish, or remove it."},
	{"VALID055", Error, "an invalid principal (a wildcard, malformed, or in another partition)", "Give a 12-digit account ID or an IAM role or user ARN of the domain's partition."},
	{"VALID056", Error, "acknowledge_package_loss without previous_name", "Remove it."},
	{"VALID057", Error, "invalid previous repository name", "Give the name the repository has in AWS today."},
	{"VALID058", Error, "a repository, role or policy renamed twice", "Keep one previous_name per old name."},
	{"VALID059", Error, "a repository rename deletes every package in it", "Keep the old name, copy the packages first, or say why the loss is acceptable in acknowledge_package_loss."},
	{"VALID060", Error, "a renamed repository is protected from destruction", "Set prevent_destroy: false for the rename."},
	{"VALID061", Error, "previous_name is the current name or another item's name", "Remove it, or give the real old name."},
	{"VALID062", Error, "require: on a GitHub Enterprise Server issuer, for which AWS STS offers no claim condition keys", "Remove require: and narrow the rule with branches, tags or environments."},

	{"OUT001", Error, "check: a generated file differs from what the spec renders", "Run codeartifact-gen gen and commit the result."},
	{"OUT002", Error, "check: a rendered file is missing", "Run codeartifact-gen gen and commit the result."},
	{"OUT003", Error, "check: a generated file is no longer rendered (orphaned)", "Run codeartifact-gen gen, which removes it, and commit."},
	{"OUT004", Error, "a rendered file would replace a file without the generated header", "Move or rename the hand-written file; nothing was written."},
	{"OUT005", Error, "reading or writing a file failed", "Fix the cause the message names (permissions, disk space); nothing more was written."},

	{"CLI001", Error, "unknown command", "Use a command of codeartifact-gen help (a close match is suggested)."},
	{"CLI002", Error, "unknown flag", "Use a flag of codeartifact-gen help COMMAND (a close match is suggested)."},
	{"CLI003", Error, "a flag's value is missing or not one of the allowed values", "Give one of the values the message or the help lists."},
	{"CLI004", Error, "an unexpected or missing argument", "See the command's usage line."},
	{"CLI005", Error, "the spec file cannot be read: missing, a directory, or an empty --spec", "Name an existing spec file."},
	{"CLI006", Error, "no spec, several where one is needed, or --out with several specs", "Name the spec with --spec."},
	{"CLI007", Error, "flags that do not go together, or a required choice missing", "Follow the message: for example simulate needs --repo or --sub."},
	{"CLI008", Error, "diff --base: no git work tree, unknown revision, or a spec outside the work tree", "Run inside the repository and name an existing revision (fetch it in CI)."},
	{"CLI009", Error, "diff found a change named by --fail-on (exit 4)", "Review the change; the gate is meant to stop it until a person approves."},
	{"CLI010", Error, "simulate's verdict differs from --expect (exit 4)", "Fix the trust rules, or the expectation."},
	{"CLI011", Error, "kit refused: the roles cannot be assumed from the requested context (exit 1)", "Follow the message: another role, environment or tool."},
	{"CLI012", Error, "a spec compared by diff has errors", "Fix the errors printed above it."},

	{"WORLD001", Error, "an output directory that no spec renders: its Terraform state still manages a domain (exit 3)", "Restore the spec, or decide what happens in AWS and remove the directory with gen --prune."},
	{"WORLD002", Error, "a Terraform override file in an output directory, declared or not (exit 3)", "Delete it; put what it configures in the spec or in an ordinary file declared under hand_written."},
	{"WORLD003", Error, "a Terraform file in an output directory that is neither generated nor declared under hand_written (exit 3)", "Declare it under hand_written with a reason, or delete it."},
	{"WORLD004", Error, "a declared hand-written file defines, refers to or moves generated IAM or CodeArtifact resources (exit 3)", "Move it into the spec, or into a Terraform root of its own that reviewers see."},
	{"WORLD005", Error, "a declared hand-written file does not parse (exit 3)", "Fix its syntax."},
	{"WORLD006", Warning, "a file declared under hand_written is not in the output directory", "Remove the entry, or restore the file."},
	{"WORLD007", Error, "a .tofu file that OpenTofu reads instead of a generated .tf file (exit 3)", "Delete it."},
	{"WORLD010", Error, "a hand_written entry that is not a Terraform file name in the output directory", "Give a file name ending in .tf, .tf.json, .tofu or .tofu.json, without a directory part."},
	{"WORLD011", Error, "a hand_written entry names a Terraform override file", "Use an ordinary file name; override files are refused."},
	{"WORLD012", Error, "a hand_written entry takes the name (or base name) of a generated file", "Choose another name."},
	{"WORLD013", Error, "a hand_written file declared twice, or with an empty reason", "Declare each file once, with a reason."},

	{"REMOVE001", Error, "a repository of the previous render is dropped from the spec: Terraform would delete it with its packages", "Restore it, or say under removed whether Terraform forgets it or destroys it (acknowledge_package_loss)."},
	{"REMOVE002", Error, "the domain of the previous render is replaced by another name: Terraform would delete it with every repository", "Restore domain.name, or say under removed whether Terraform forgets the old domain or destroys it."},
	{"REMOVE003", Error, "a repository would move to another domain: Terraform replaces it and deletes its packages", "Keep the domain; create the new one in a spec of its own and copy the packages."},
	{"REMOVE005", Warning, "the spec drops a removed entry whose removed block the previous render holds", "Keep the entry until terraform apply has run; without it Terraform destroys what it was to forget."},
	{"REMOVE010", Error, "a removed entry names neither or both of repository and domain", "Name one repository or one domain."},
	{"REMOVE011", Error, "a removed entry has neither or both of forget and acknowledge_package_loss", "Choose forget (it stays in AWS) or acknowledge_package_loss (Terraform deletes it)."},
	{"REMOVE012", Error, "a removed entry's name is not a valid repository or domain name", "Give the name the previous render had."},
	{"REMOVE013", Error, "a removed entry names something the spec still has, or an address a repository of the spec takes", "Remove one of the two, or rename."},
	{"REMOVE014", Error, "a repository or domain removed twice", "Remove one of the entries."},
	{"REMOVE015", Error, "the reason of a removed entry is shorter than three words", "Say in a sentence why."},
	{"EXPECT001", Error, "a role admits a token that an expectation says it must refuse", "Narrow the role's trust rules (the message names the statement and condition that admitted the token), or move the role to admitted_by."},
	{"EXPECT002", Error, "a role refuses a token that an expectation says it must admit", "Admit the token in the role's trust rules (the message names the condition that refused it), or move the role to refused_by."},
	{"EXPECT003", Error, "an expectation names a role the spec does not define", "Name a role of roles, spelled as defined, or \"*\" for every role."},
	{"EXPECT004", Error, "an expectation says a role must both admit and refuse its token", "Remove the role from admitted_by or from refused_by."},
	{"EXPECT005", Error, "an expectation's token cannot be built: repo and sub both or neither, repo not OWNER/NAME, no ref, environment or pull_request, a short ref, an unknown event, one of owner_id and repository_id, a claim of the subject template missing, sub or aud under claims", "Describe the job with repo and ref, environment or event, or give the raw sub; further claims go under claims."},
	{"EXPECT006", Error, "an expectation names no role", "List roles under admitted_by and refused_by."},
	{"EXPECT007", Error, "an expectation's name is empty or used twice", "Give each expectation its own name saying what it proves."},
	{"EXPECT008", Error, "an expectation's issuer is not an https URL", "Give the issuer's URL, or leave it out for the spec's own issuer."},
	{"LIMIT001", Error, "the spec path is a directory, a device, a named pipe or a socket, not a regular file", "Name the YAML file itself; nothing else is read."},
	{"LIMIT002", Error, "more problems in the file than are printed (100): the rest are counted in one line; a warning when all of them are", "Fix the problems shown (often one mistake, repeated) and run it again."},
	{"LIMIT003", Error, "the trust rules expand to more than 10,000 subjects in a role or 100,000 in the spec", "Use patterns (branches: [\"release/*\"]) instead of long lists, or split the role or the spec."},

	// BOT: kit --target dependabot (Dependabot's OIDC access to CodeArtifact).
	{"BOT001", Warning, "the subject of the token Dependabot presents is not documented, so the role is the one named with --role", "After the first Dependabot run, read the subject from CloudTrail and add it to the spec's expectations."},
	{"BOT002", Error, "the role refuses every token of the application repository: Dependabot could never assume it", "Pass --app-repo with the repository Dependabot runs in, name another role, or trust the repository in a read-only rule."},
	{"BOT003", Warning, "the role admits only some tokens of the application repository: whether it admits Dependabot's depends on the undocumented context", "Trust the repository with any_context in a read-only role, or confirm the subject from CloudTrail."},
	{"BOT004", Warning, "the role Dependabot assumes can publish packages; Dependabot only reads", "Name a read-only role."},
	{"BOT005", Error, "the domain is outside the aws partition (China, GovCloud): Dependabot's OIDC exchange uses the aws partition only", "Use static credentials for this registry, or a domain in a commercial region."},
	{"BOT006", Warning, "a repository the role reads has a format with no documented Dependabot OIDC registry type (cargo, swift, generic): it gets no registry", "None needed if acceptable; otherwise configure the registry by hand with a token."},
	{"BOT007", Error, "the role reads no repository that Dependabot can reach with OIDC", "Name a role that reads an npm, pypi, maven, nuget or ruby repository."},
	{"BOT008", Error, "the AWS account of the domain and role is unknown", "Set domain.owner in the spec, or pass --domain-owner."},
	{"BOT009", Warning, "Dependabot's OIDC support on GitHub Enterprise Server is not documented for every version", "Check your server version's documentation."},
	{"BOT010", Warning, "several repositories of one ecosystem cache the public registry: none replaces it for Dependabot", "Give the role read access to one of them only."},

	// TRAIL: simulate --cloudtrail (CloudTrail records of AssumeRoleWithWebIdentity).
	{"TRAIL001", Error, "simulate --cloudtrail: the file is not valid JSON, or holds more than one JSON value", "Give the file as CloudTrail or the AWS CLI wrote it (lookup-events --output json); the position is where the decoder stopped."},
	{"TRAIL002", Error, "simulate --cloudtrail: the JSON is not a CloudTrail event, lookup-events output or log file, or a field has another type than CloudTrail writes", "Give one event (an object with eventName), lookup-events output (an object with Events) or a log file (an object with Records)."},
	{"TRAIL003", Error, "simulate --cloudtrail: an entry of lookup-events' Events has no CloudTrailEvent string, or that string is not a JSON event", "Give the output of aws cloudtrail lookup-events unchanged; each CloudTrailEvent is the event as a JSON string."},
	{"TRAIL004", Error, "simulate --cloudtrail: an AssumeRoleWithWebIdentity record lacks the role ARN, the token's subject or the identity provider", "Give the record as CloudTrail wrote it, not an excerpt: the explanation needs requestParameters.roleArn, userIdentity.userName (or responseElements.subjectFromWebIdentityToken) and userIdentity.identityProvider."},
	{"TRAIL005", Error, "simulate --cloudtrail: the file holds no AssumeRoleWithWebIdentity record of sts.amazonaws.com", "Select the failing call: aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=AssumeRoleWithWebIdentity, in the account and region of the role."},
	{"TRAIL006", Error, "simulate --cloudtrail: the file is not a regular file, is larger than 64 MiB once decompressed, or its gzip stream is broken", "Give one event, lookup-events output or one log file (.json or .json.gz) as a regular file."},
	{"TRAIL007", Error, "simulate --cloudtrail: requestParameters.roleArn is not an IAM role ARN", "Give the record as CloudTrail wrote it; a role ARN is arn:PARTITION:iam::ACCOUNT:role/NAME."},

	// KIT: kit's application target (kit --tool).
	{"KIT001", Error, "kit: --tool is missing or names no tool the kit knows", "Give one of the tools the message lists; it names those that fit the spec's repositories."},
	{"KIT002", Error, "kit: the tool does not use the repository's format", "Choose a tool of that format, or a repository the message names."},
	{"KIT003", Error, "kit: --role is missing, names no role of the spec, or two roles for one workflow", "Give one read-only role (CI) and at most one role that can publish (release)."},
	{"KIT004", Error, "kit: a role that cannot do its job: a read-only role for a release, a publishing role for CI, or a tool that cannot publish (exit 1)", "Follow the message: another role, or a tool that publishes."},
	{"KIT005", Error, "kit: no repository of the tool's format that every role can use, an unusable one, or several to choose from", "Name a repository with --repository, or grant the roles access in the spec."},
	{"KIT006", Error, "kit: a job's token would be refused by its role's trust policy (exit 1)", "Follow the fixes the message orders: --app-repo, --environment, another role, or the spec's trust rules."},
	{"KIT007", Error, "kit: the job's environment is ambiguous or a pattern", "Choose one environment with --environment."},
	{"KIT008", Error, "kit: a value that GitHub Actions would not take literally (an expression or a hidden character)", "Use a plain name."},
	{"KIT009", Error, "kit: the domain owner's account is needed (uv, poetry, cargo) or --domain-owner is not a 12-digit account", "Give --domain-owner ACCOUNT_ID, or set domain.owner in the spec."},
	{"KIT010", Error, "kit: no read-only role can run the release's dependencies job on its tags (exit 1)", "Give a read-only role a trust rule for the release tags, then apply the Terraform."},
	{"KIT011", Error, "kit: a role that can publish admits the token of a job that runs third-party code with an id-token (exit 1)", "Narrow that role's trust to release tags or an environment with required reviewers."},
	{"KIT012", Error, "kit: a hand-written configuration file would change; the patch is printed and nothing is written (exit 1)", "Run again with --merge to add the kit's marked block, or apply the patch by hand."},
	{"KIT013", Error, "kit: --app-repo is not OWNER/NAME", "Give the repository the workflows run in as OWNER/NAME."},
}

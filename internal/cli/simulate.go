package cli

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
)

func runSimulate(args []string, out, errOut io.Writer) error {
	var specs specList
	claims := claimList{}
	fs := newFlags("simulate", "[--spec FILE] (--repo OWNER/NAME [--ref REF | --environment NAME | --event pull_request] | --sub SUBJECT) [--aud AUD] [--claim KEY=VALUE]... [--issuer URL] [--format text|json] [--expect allow|deny [--role NAME]...] | [--spec FILE] --cloudtrail FILE [--format text|json]", out)
	fs.Var(&specs, "spec", "spec `file` (default: the only "+DefaultSpecGlob+")")
	repo := fs.String("repo", "", "build the token of a job in repository `OWNER/NAME`")
	ref := fs.String("ref", "", "the job's `ref`, for example refs/heads/main or refs/tags/v1.0.0")
	environment := fs.String("environment", "", "the `environment` the job declares")
	event := fs.String("event", "", "the triggering `event`; pull_request changes the subject")
	ownerID := fs.String("owner-id", "", "the owner's numeric `ID`; with --repo-id the subject is immutable (OWNER@ID/REPO@ID)")
	repoID := fs.String("repo-id", "", "the repository's numeric `ID`")
	sub := fs.String("sub", "", "use this `subject` instead of building one")
	aud := fs.String("aud", "", "the token's `audience` (default: the STS audience of the spec's partition)")
	fs.Var(claims, "claim", "a further token claim as `key=value` (repeatable), for example job_workflow_ref=...")
	format := fs.String("format", "text", "output `format`: text or json")
	expect := fs.String("expect", "", "exit 4 unless the `verdict` is this: allow (some role, or every --role, may be assumed) or deny (no role, or no --role)")
	var roles specList
	fs.Var(&roles, "role", "with --expect: the role `name` whose verdict is checked (repeatable; default: any role)")
	issuerURL := fs.String("issuer", "", "the token's issuer `URL` (default: the spec's); a role refuses a token of an issuer it does not trust, and says so")
	trailFile := fs.String("cloudtrail", "", "explain the AssumeRoleWithWebIdentity records of a CloudTrail `file` against the spec: one event, aws cloudtrail lookup-events output, or a log file (.json or .json.gz)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError(CodeBadFlagValue, "unknown format %q: use text or json", *format)
	}
	if *trailFile != "" {
		if set := setFlags(fs.FlagSet, "repo", "sub", "ref", "environment", "event", "owner-id", "repo-id", "aud", "claim", "issuer", "expect", "role"); len(set) > 0 {
			return usageError(CodeConflictingFlags, "--cloudtrail explains the tokens its records carry; it does not take --%s", strings.Join(set, ", --"))
		}
		return runSimulateTrail(specs, *trailFile, *format, out, errOut)
	}
	if (*repo == "") == (*sub == "") {
		return usageError(CodeConflictingFlags, "give either --repo OWNER/NAME (with --ref, --environment or --event) or --sub SUBJECT, or --cloudtrail FILE")
	}
	issuer, err := parseIssuer(*issuerURL)
	if err != nil {
		return err
	}
	if *expect != "" && *expect != "allow" && *expect != "deny" {
		return usageError(CodeBadFlagValue, "--expect takes allow or deny, not %q", *expect)
	}
	if len(roles) > 0 && *expect == "" {
		return usageError(CodeConflictingFlags, "--role names the roles whose verdict --expect checks; give --expect allow or --expect deny")
	}
	l, err := loadOne(specs, errOut)
	if err != nil {
		return err
	}
	if issuer.URL == "" {
		issuer = l.Model.GitHub.Issuer
	}
	audience := l.Model.GitHub.Audience
	if *aud != "" {
		audience = *aud
	}
	var tok oidc.Token
	if *sub != "" {
		tok = oidc.Token{Claims: map[string]string{"sub": *sub, "aud": audience}}
		for k, v := range claims {
			tok.Claims[k] = v
		}
	} else {
		owner, name, _ := strings.Cut(*repo, "/")
		tok, err = oidc.BuildToken(oidc.Job{
			Owner: owner, Repository: name, OwnerID: *ownerID, RepositoryID: *repoID,
			Ref: *ref, Environment: *environment, Event: *event, Extra: claims,
		}, l.Model.GitHub.Template, audience)
		if err != nil {
			return usageError(CodeBadFlagValue, "%v", err)
		}
	}
	res, err := simulate.RunIssuer(l.Model, tok, issuer)
	if err != nil {
		return ioError(err)
	}
	if *format == "json" {
		err = simulate.WriteJSON(out, res)
	} else {
		err = simulate.WriteText(out, res)
	}
	if err != nil {
		return ioError(err)
	}
	if *expect == "" {
		return nil
	}
	return checkExpectation(res, *expect == "allow", roles)
}

// checkExpectation returns an exit-4 error when the verdict is not the expected one:
// with roles, each named role must be allowed (or denied); without, some role must be
// allowed (or none).
func checkExpectation(res simulate.Result, allow bool, roles []string) error {
	want := map[bool]string{true: "allow", false: "deny"}
	if len(roles) == 0 {
		var allowed []string
		for _, r := range res.Roles {
			if r.Allowed {
				allowed = append(allowed, r.Name)
			}
		}
		switch {
		case allow && len(allowed) == 0:
			return exitWith(ExitFailOn, CodeExpectation, "expected allow, but no role may be assumed with this token")
		case !allow && len(allowed) > 0:
			return exitWith(ExitFailOn, CodeExpectation, "expected deny, but the token may assume %s", strings.Join(allowed, ", "))
		}
		return nil
	}
	var names, wrong []string
	for _, name := range roles {
		i := slices.IndexFunc(res.Roles, func(r simulate.Role) bool { return strings.EqualFold(r.Name, name) })
		if i < 0 {
			for _, r := range res.Roles {
				names = append(names, r.Name)
			}
			return &exitError{code: ExitUsage, diagCode: CodeBadFlagValue, msg: fmt.Sprintf("--role %s: the spec has no such role", name),
				detail: strings.TrimSpace(didYouMean(name, names, "") + " The roles are " + strings.Join(names, ", ") + ".")}
		}
		if r := res.Roles[i]; r.Allowed != allow {
			wrong = append(wrong, fmt.Sprintf("%s (%s)", r.Name, r.Reason))
		}
	}
	if len(wrong) > 0 {
		return exitWith(ExitFailOn, CodeExpectation, "expected %s, but not for %s", want[allow], strings.Join(wrong, "; "))
	}
	return nil
}

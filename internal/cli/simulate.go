package cli

import (
	"io"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

func runSimulate(args []string, out, errOut io.Writer) error {
	var specs specList
	claims := claimList{}
	fs := newFlags("simulate", "[--spec FILE] (--repo OWNER/NAME [--ref REF | --environment NAME | --event pull_request] | --sub SUBJECT) [--aud AUD] [--claim KEY=VALUE]... [--format text|json]", errOut)
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
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usageError("unknown format %q: use text or json", *format)
	}
	if (*repo == "") == (*sub == "") {
		return usageError("give either --repo OWNER/NAME (with --ref, --environment or --event) or --sub SUBJECT")
	}
	l, err := loadOne(specs, errOut)
	if err != nil {
		return err
	}
	audience := l.Model.GitHub.Audience
	if *aud != "" {
		audience = *aud
	}
	var tok trust.Token
	if *sub != "" {
		tok = trust.Token{Claims: map[string]string{"sub": *sub, "aud": audience}}
		for k, v := range claims {
			tok.Claims[k] = v
		}
	} else {
		owner, name, _ := strings.Cut(*repo, "/")
		tok, err = trust.BuildToken(trust.Job{
			Owner: owner, Repository: name, OwnerID: *ownerID, RepositoryID: *repoID,
			Ref: *ref, Environment: *environment, Event: *event, Extra: claims,
		}, l.Model.GitHub.Template, audience)
		if err != nil {
			return usageError("%v", err)
		}
	}
	res, err := simulate.Run(l.Model, tok)
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
	return nil
}

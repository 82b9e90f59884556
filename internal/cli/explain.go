package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/explain"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
	"github.com/ontopix/codeartifact-gen/generator/trust"
)

// oneSpec returns the spec a single-spec command works on: the one --spec, or the only
// specs/*.yaml.
func oneSpec(specs []string) (string, error) {
	ts, err := targets(specs, "")
	if err == nil && len(ts) != 1 {
		err = fmt.Errorf("%d specs found; choose one with --spec FILE", len(ts))
	}
	if err != nil {
		return "", err
	}
	return ts[0].spec, nil
}

// loadOne reads and loads a single spec (the only specs/*.yaml when none is given),
// printing its diagnostics. It returns the exit code to stop with, or -1.
func loadOne(name string, specs []string, errOut io.Writer) (generator.Loaded, int) {
	path, err := oneSpec(specs)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen %s: %v\n", name, err)
		return generator.Loaded{}, ExitUsage
	}
	src, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(errOut, "codeartifact-gen %s: %v\n", name, err)
		return generator.Loaded{}, ExitUsage
	}
	l := generator.Load(path, src)
	diag.Write(errOut, diag.Text, l.Diagnostics)
	if l.Model == nil {
		return l, ExitSpec
	}
	return l, -1
}

func runExplain(args []string, out, errOut io.Writer) int {
	var specs specList
	fs := newFlags("explain", "[--spec FILE] [--format text|markdown|json]", errOut)
	fs.Var(&specs, "spec", "spec `file` (default: the only "+DefaultSpecGlob+")")
	format := fs.String("format", "text", "output `format`: text, markdown (for a pull-request comment) or json")
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	write := map[string]func(io.Writer, explain.Report) error{
		"text": explain.WriteText, "markdown": explain.WriteMarkdown, "json": explain.WriteJSON,
	}[*format]
	if write == nil {
		fmt.Fprintf(errOut, "codeartifact-gen explain: unknown format %q: use text, markdown or json\n", *format)
		return ExitUsage
	}
	l, code := loadOne("explain", specs, errOut)
	if code >= 0 {
		return code
	}
	if err := write(out, explain.Build(l.Model, l.Lint.Findings)); err != nil {
		return ioError(errOut, err)
	}
	return ExitOK
}

// claimList is a repeatable --claim key=value flag.
type claimList map[string]string

func (c claimList) String() string { return fmt.Sprint(map[string]string(c)) }
func (c claimList) Set(v string) error {
	k, val, ok := strings.Cut(v, "=")
	if !ok || k == "" {
		return fmt.Errorf("want key=value, got %q", v)
	}
	c[k] = val
	return nil
}

func runSimulate(args []string, out, errOut io.Writer) int {
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
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if *format != "text" && *format != "json" {
		fmt.Fprintf(errOut, "codeartifact-gen simulate: unknown format %q: use text or json\n", *format)
		return ExitUsage
	}
	if (*repo == "") == (*sub == "") {
		fmt.Fprintln(errOut, "codeartifact-gen simulate: give either --repo OWNER/NAME (with --ref, --environment or --event) or --sub SUBJECT")
		return ExitUsage
	}
	l, code := loadOne("simulate", specs, errOut)
	if code >= 0 {
		return code
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
		var err error
		tok, err = trust.BuildToken(trust.Job{
			Owner: owner, Repository: name, OwnerID: *ownerID, RepositoryID: *repoID,
			Ref: *ref, Environment: *environment, Event: *event, Extra: claims,
		}, l.Model.GitHub.Template, audience)
		if err != nil {
			fmt.Fprintf(errOut, "codeartifact-gen simulate: %v\n", err)
			return ExitUsage
		}
	}
	res, err := simulate.Run(l.Model, tok)
	if err != nil {
		return ioError(errOut, err)
	}
	if *format == "json" {
		err = simulate.WriteJSON(out, res)
	} else {
		err = simulate.WriteText(out, res)
	}
	if err != nil {
		return ioError(errOut, err)
	}
	return ExitOK
}

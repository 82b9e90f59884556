package cli

import (
	"flag"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/ontopix/codeartifact-gen/generator/cloudtrail"
	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/oidc"
	"github.com/ontopix/codeartifact-gen/generator/simulate"
)

// runSimulateTrail is simulate --cloudtrail FILE: it explains every AssumeRoleWithWebIdentity
// record of the file against the spec. A file with problems gets every TRAIL0xx diagnostic
// at once (on standard error in text, as the one JSON document on standard output in json)
// and exit 1, as a spec with errors does, and nothing is explained; an unreadable file is
// exit 2.
func runSimulateTrail(specs []string, file, format string, out, errOut io.Writer) error {
	src, ds, err := cloudtrail.ReadFile(file)
	if err != nil {
		return usageError(CodeBadFlagValue, "--cloudtrail: %v", err)
	}
	var res cloudtrail.Result
	if ds == nil {
		res, ds = cloudtrail.Parse(file, src)
	}
	l, err := loadOne(specs, errOut)
	if len(ds) > 0 {
		f, w := diag.Text, errOut
		if format == "json" {
			f, w = diag.JSON, out
		}
		if werr := diag.Write(w, f, ds); werr != nil {
			return ioError(werr)
		}
		errs, warns := ds.Count()
		fmt.Fprintf(errOut, "%s: %d error(s), %d warning(s); nothing explained.\n", file, errs, warns)
		return silent(ExitSpec)
	}
	if err != nil {
		return err
	}
	t, err := simulate.ExplainTrail(l.Model, file, res)
	if err != nil {
		return ioError(err)
	}
	if format == "json" {
		err = simulate.WriteTrailJSON(out, t)
	} else {
		err = simulate.WriteTrailText(out, t)
	}
	if err != nil {
		return ioError(err)
	}
	return nil
}

// parseIssuer checks the --issuer flag: "" (the spec's issuer), or an https URL without
// query, fragment or user, as IAM's OIDC provider URLs are; a trailing slash is dropped.
func parseIssuer(s string) (oidc.Issuer, error) {
	if s == "" {
		return oidc.Issuer{}, nil
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return oidc.Issuer{}, usageError(CodeBadFlagValue, "--issuer %q is not an https URL without query or fragment (for example https://token.actions.githubusercontent.com)", s)
	}
	return oidc.Issuer{URL: strings.TrimSuffix(s, "/")}, nil
}

// setFlags returns the names, among names, of the flags given on the command line.
func setFlags(fs *flag.FlagSet, names ...string) []string {
	var set []string
	fs.Visit(func(f *flag.Flag) {
		if slices.Contains(names, f.Name) {
			set = append(set, f.Name)
		}
	})
	return set
}

package tofuverify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// StepWarnings is the Error.Step of warnings that fail a verification
// because Verifier.AllowWarnings is false.
const StepWarnings = "validate and plan (warnings are errors)"

// DefaultTimeout bounds each tofu command when Verifier.Timeout is zero.
const DefaultTimeout = 2 * time.Minute

// Verifier runs OpenTofu against directories of Terraform files using the
// offline schema provider. The zero value is not usable: Tofu, ProviderDir
// and SchemaPath are required. A Verifier is safe for concurrent use.
type Verifier struct {
	Tofu        string // the OpenTofu binary
	ProviderDir string // directory holding terraform-provider-aws
	SchemaPath  string // provider schema JSON, passed to the provider
	// AWSCCSchemaPath, if set, is the hashicorp/awscc schema JSON, served by
	// the terraform-provider-awscc copy in ProviderDir (BuildProvider).
	AWSCCSchemaPath string

	// AccountID, if set, is the 12-digit account the offline provider
	// reports instead of 111122223333, for configurations whose
	// preconditions name an account.
	AccountID string

	// AllowWarnings, when false, turns every warning (a deprecated
	// attribute, say) into a verification failure. The warning that
	// dev_overrides are in effect is always ignored.
	AllowWarnings bool
	// Timeout bounds each tofu command; zero means DefaultTimeout.
	Timeout time.Duration
}

// Result is what a verification of one directory produced. Verify returns
// a Result only when plan succeeded.
type Result struct {
	Dir      string       // the source directory
	Plan     *Plan        // the parsed plan
	PlanJSON []byte       // `tofu show -json PLAN` output
	Warnings []Diagnostic // warnings, except the one about dev_overrides
}

// Verify runs fmt, validate, plan and show on a copy of dir's *.tf and
// *.tf.json files (dir itself is never written) and returns the plan.
//
// If formatting and validation both fail, the error joins both; plan runs
// only after validate succeeds. When the only problem is warnings (and
// AllowWarnings is false) Verify returns the Result together with an
// *Error of Step StepWarnings. Failures of OpenTofu's checks are *Error
// values (use errors.As) naming the original file and line; other errors
// (missing files, a tofu binary that cannot run) wrap their cause.
func (v *Verifier) Verify(ctx context.Context, dir string) (*Result, error) {
	return v.verify(ctx, dir, nil)
}

// verify is Verify and VerifyWithState: with a nil state it checks formatting too; with a
// state it writes it as the copy's terraform.tfstate before validate and plan.
func (v *Verifier) verify(ctx context.Context, dir string, state []byte) (*Result, error) {
	if v.Tofu == "" || v.ProviderDir == "" || v.SchemaPath == "" {
		return nil, errors.New("tofuverify: Verifier needs Tofu, ProviderDir and SchemaPath")
	}
	work, err := os.MkdirTemp("", "tofuverify-*")
	if err != nil {
		return nil, fmt.Errorf("verify %s: %w", dir, err)
	}
	defer os.RemoveAll(work)
	r := &run{v: v, ctx: ctx, m: pathMapper{workDir: filepath.Join(work, "config"), srcDir: dir}}
	if err := r.prepare(work); err != nil {
		return nil, fmt.Errorf("verify %s: %w", dir, err)
	}
	var fmtErr error
	if state == nil {
		fmtErr = r.fmt()
	} else if err := os.WriteFile(filepath.Join(r.m.workDir, "terraform.tfstate"), state, 0o644); err != nil {
		return nil, err
	}
	if err := errors.Join(fmtErr, r.validate()); err != nil {
		return nil, err
	}
	plan, planJSON, err := r.plan()
	if err != nil {
		return nil, err
	}
	res := &Result{Dir: dir, Plan: plan, PlanJSON: planJSON, Warnings: r.warnings}
	if len(r.warnings) > 0 && !v.AllowWarnings {
		return res, &Error{Dir: dir, Step: StepWarnings, Diagnostics: r.warnings}
	}
	return res, nil
}

// run is the state of one Verify call.
type run struct {
	v        *Verifier
	ctx      context.Context
	m        pathMapper
	files    map[string]bool // names of the copied files
	env      []string
	warnings []Diagnostic
}

// prepare copies the configuration to work/config and writes the CLI
// configuration to work/cli.tfrc.
func (r *run) prepare(work string) error {
	if err := os.Mkdir(r.m.workDir, 0o755); err != nil {
		return err
	}
	entries, err := os.ReadDir(r.m.srcDir)
	if err != nil {
		return err
	}
	r.files = map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		// Variable values Terraform loads by itself (terraform.tfvars, *.auto.tfvars) are
		// copied too, for hand-written configurations with variables.
		tfvars := name == "terraform.tfvars" || strings.HasSuffix(name, ".auto.tfvars")
		if !e.Type().IsRegular() || !(strings.HasSuffix(name, ".tf") || strings.HasSuffix(name, ".tf.json") || tfvars) {
			continue
		}
		data, err := os.ReadFile(filepath.Join(r.m.srcDir, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(r.m.workDir, name), data, 0o644); err != nil {
			return err
		}
		if !tfvars {
			r.files[name] = true
		}
	}
	if len(r.files) == 0 {
		return fmt.Errorf("no *.tf files in %s", r.m.srcDir)
	}
	providerDir, err := filepath.Abs(r.v.ProviderDir)
	if err != nil {
		return err
	}
	schema, err := filepath.Abs(r.v.SchemaPath)
	if err != nil {
		return err
	}
	cliConfig := filepath.Join(work, "cli.tfrc")
	if err := os.WriteFile(cliConfig, []byte(cliConfigText(providerDir)), 0o644); err != nil {
		return err
	}
	r.env = commandEnv(os.Environ(), cliConfig, schema)
	if r.v.AccountID != "" {
		r.env = append(r.env, AccountEnv+"="+r.v.AccountID)
	}
	if r.v.AWSCCSchemaPath != "" {
		awscc, err := filepath.Abs(r.v.AWSCCSchemaPath)
		if err != nil {
			return err
		}
		r.env = append(r.env, AWSCCSchemaEnv+"="+awscc)
	}
	return nil
}

// cliConfigText overrides hashicorp/aws and hashicorp/awscc with the
// binaries in providerDir.
func cliConfigText(providerDir string) string {
	return fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"hashicorp/aws\" = %q\n    \"hashicorp/awscc\" = %q\n  }\n  direct {}\n}\n", providerDir, providerDir)
}

// commandEnv returns base without variables that change OpenTofu's or
// AWS's behaviour, plus the CLI configuration, the schema path, and a
// proxy that refuses connections so that any network use fails at once.
func commandEnv(base []string, cliConfig, schema string) []string {
	var env []string
	for _, kv := range base {
		name, _, _ := strings.Cut(kv, "=")
		upper := strings.ToUpper(name)
		if strings.HasPrefix(upper, "TF_") || strings.HasPrefix(upper, "AWS_") ||
			strings.HasPrefix(upper, "CHECKPOINT_") || strings.HasPrefix(upper, "TFSCHEMAPROVIDER_") ||
			upper == "HTTP_PROXY" || upper == "HTTPS_PROXY" || upper == "NO_PROXY" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		SchemaEnv+"="+schema,
		"HTTP_PROXY=http://127.0.0.1:9",
		"HTTPS_PROXY=http://127.0.0.1:9",
	)
}

// tofu runs one tofu command in the work directory and returns its stdout,
// its stderr, and its exit code; err is set only if it could not run.
func (r *run) tofu(args ...string) (stdout, stderr []byte, code int, err error) {
	timeout := r.v.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(r.ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, r.v.Tofu, append(args[:1:1], append([]string{"-no-color"}, args[1:]...)...)...)
	cmd.Dir, cmd.Env = r.m.workDir, r.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) && ctx.Err() == nil {
		return out.Bytes(), errOut.Bytes(), exit.ExitCode(), nil
	}
	if ctx.Err() != nil {
		err = fmt.Errorf("%w (%v, timeout %s)", err, ctx.Err(), timeout)
	}
	if err != nil {
		return nil, nil, -1, fmt.Errorf("run tofu %s for %s: %w\n%s", strings.Join(args, " "), r.m.srcDir, err, errOut.Bytes())
	}
	return out.Bytes(), errOut.Bytes(), 0, nil
}

// fmt runs `tofu fmt -check -diff`. A syntax error (exit code 2) is left
// for validate to report with its position.
func (r *run) fmt() error {
	out, errOut, code, err := r.tofu("fmt", "-check", "-diff")
	switch {
	case err != nil:
		return err
	case code == 0 || code == 2:
		return nil
	}
	e := &Error{Dir: r.m.srcDir, Step: "fmt", Diagnostics: r.m.parseFmtDiff(out, r.files), Output: string(out) + string(errOut)}
	sort.SliceStable(e.Diagnostics, func(i, j int) bool { return e.Diagnostics[i].File < e.Diagnostics[j].File })
	return e
}

// validate runs `tofu validate -json`, after removing backend blocks.
func (r *run) validate() error {
	if err := r.scrubBackends(); err != nil {
		return err
	}
	out, errOut, code, err := r.tofu("validate", "-json")
	if err != nil {
		return err
	}
	ds, perr := r.m.parseValidate(out)
	if perr != nil {
		return &Error{Dir: r.m.srcDir, Step: "validate", Output: fmt.Sprintf("%v\n%s%s", perr, out, errOut)}
	}
	errs, warns := splitSeverity(ds)
	r.warnings = append(r.warnings, warns...)
	if code != 0 || len(errs) > 0 {
		return &Error{Dir: r.m.srcDir, Step: "validate", Diagnostics: errs, Output: string(out) + string(errOut)}
	}
	return nil
}

// plan runs `tofu plan` into a plan file and `tofu show -json` on it.
func (r *run) plan() (*Plan, []byte, error) {
	out, errOut, code, err := r.tofu("plan", "-input=false", "-lock=false", "-out=PLAN", "-json")
	if err != nil {
		return nil, nil, err
	}
	errs, warns := splitSeverity(r.m.parsePlanLog(out))
	r.warnings = appendNew(r.warnings, warns...)
	if code != 0 || len(errs) > 0 {
		return nil, nil, &Error{Dir: r.m.srcDir, Step: "plan", Diagnostics: errs, Output: string(out) + string(errOut)}
	}
	out, errOut, code, err = r.tofu("show", "-json", "PLAN")
	if err != nil {
		return nil, nil, err
	}
	if code != 0 {
		return nil, nil, &Error{Dir: r.m.srcDir, Step: "show", Output: string(out) + string(errOut)}
	}
	plan, err := ParsePlan(out)
	if err != nil {
		return nil, nil, fmt.Errorf("tofu show -json for %s: %w", r.m.srcDir, err)
	}
	return plan, out, nil
}

// appendNew appends the diagnostics of add not already in ds: validate
// and plan report the same configuration warnings.
func appendNew(ds []Diagnostic, add ...Diagnostic) []Diagnostic {
	seen := map[Diagnostic]bool{}
	for _, d := range ds {
		seen[d] = true
	}
	for _, d := range add {
		if !seen[d] {
			seen[d] = true
			ds = append(ds, d)
		}
	}
	return ds
}

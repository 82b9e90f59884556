package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

// runVersion prints what the running binary was built from: the module version, the VCS
// revision and whether the working tree had uncommitted changes, the commit time, and the Go
// version and platform. Everything comes from the build information the Go toolchain embeds
// (runtime/debug.ReadBuildInfo); nothing is set by hand at link time.
func runVersion(args []string, out, errOut io.Writer) error {
	fs := newFlags("version", "", out)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	info, _ := debug.ReadBuildInfo() // nil when the binary has no build information
	if _, err := io.WriteString(out, versionText(info, runtime.GOOS+"/"+runtime.GOARCH)); err != nil {
		return ioError(err)
	}
	return nil
}

// buildVersion is what versionText reports, read from build information.
type buildVersion struct {
	Module   string // the main module's version: v1.2.3, a pseudo-version, or "(devel)"
	Revision string // the VCS revision, "" when the build did not record one
	Time     string // the revision's commit time (RFC 3339), "" when not recorded
	Modified bool   // the working tree had uncommitted changes
	Go       string // the Go version that built the binary
}

// readBuildVersion extracts a buildVersion from info; a nil info (a binary built without
// module support) gives "(unknown)" versions.
func readBuildVersion(info *debug.BuildInfo) buildVersion {
	v := buildVersion{Module: "(unknown)", Go: runtime.Version()}
	if info == nil {
		return v
	}
	if info.Main.Version != "" {
		v.Module = info.Main.Version
	}
	if info.GoVersion != "" {
		v.Go = info.GoVersion
	}
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.time":
			v.Time = s.Value
		case "vcs.modified":
			v.Modified = s.Value == "true"
		}
	}
	return v
}

// versionText renders info for `codeartifact-gen version`: the first line is
// "codeartifact-gen VERSION" (so `version | head -1` names the release), then the revision
// (with "(modified)" for a dirty tree), its time, and the Go version with platform.
func versionText(info *debug.BuildInfo, platform string) string {
	v := readBuildVersion(info)
	s := fmt.Sprintf("codeartifact-gen %s\n", v.Module)
	switch {
	case v.Revision == "":
		s += "revision: not recorded (built outside a VCS checkout, or with -buildvcs=false)\n"
	case v.Modified:
		s += fmt.Sprintf("revision: %s (modified: built with uncommitted changes)\n", v.Revision)
	default:
		s += fmt.Sprintf("revision: %s\n", v.Revision)
	}
	if v.Time != "" {
		s += fmt.Sprintf("time:     %s\n", v.Time)
	}
	s += fmt.Sprintf("go:       %s %s\n", v.Go, platform)
	return s
}

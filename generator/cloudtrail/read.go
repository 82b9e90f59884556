package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// MaxFileSize bounds what ReadFile reads, after decompression: 64 MiB. CloudTrail delivers
// a trail's events in files of about five minutes each, and lookup-events returns at most
// 50 events a page, so this is far above what one explanation needs.
const MaxFileSize = 64 << 20

// ReadFile reads the CloudTrail file at path: a regular file (or a symbolic link to one),
// gzip-compressed (as CloudTrail delivers log files to S3) or not, at most MaxFileSize
// bytes once decompressed. A directory, device, named pipe or socket is refused with a
// TRAIL006 diagnostic before it is opened, as are a larger file and a broken gzip stream.
// err is set only when the file cannot be opened or read; ReadFile never returns both.
// Positions in diagnostics of a compressed file refer to its decompressed text.
func ReadFile(path string) (src []byte, ds diag.Diagnostics, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fileError(path, "the CloudTrail file is %s, not a regular file", kind(fi.Mode())), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fileError(path, "the CloudTrail file is %s, not a regular file", kind(fi.Mode())), nil
	}
	var r io.Reader = f
	head := make([]byte, 2)
	n, _ := io.ReadFull(f, head)
	r = io.MultiReader(bytes.NewReader(head[:n]), f)
	compressed := n == 2 && head[0] == 0x1f && head[1] == 0x8b
	if compressed {
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fileError(path, "the gzip stream cannot be read: %v", err), nil
		}
		r = zr
	}
	src, err = io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		if compressed {
			return nil, fileError(path, "the gzip stream cannot be read: %v", err), nil
		}
		return nil, nil, err
	}
	if len(src) > MaxFileSize {
		return nil, fileError(path, "the CloudTrail file is larger than %d MiB", MaxFileSize>>20), nil
	}
	return src, nil, nil
}

func fileError(path, format string, args ...any) diag.Diagnostics {
	return diag.Diagnostics{{Severity: diag.Error, Code: CodeFile, Pos: diag.Pos{File: path},
		Summary: fmt.Sprintf(format, args...),
		Detail:  "Give a regular file holding one event, lookup-events output or one log file of the trail (.json or .json.gz); select the events of the failing call first (for example with lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=AssumeRoleWithWebIdentity)."}}
}

func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

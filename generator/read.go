package generator

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/ontopix/codeartifact-gen/generator/diag"
	"github.com/ontopix/codeartifact-gen/generator/spec"
)

// NotRegularFile is the code of the diagnostic for a spec path that names a directory, a
// device, a named pipe or a socket (directly or through a symbolic link).
const NotRegularFile = "LIMIT001"

// ReadSpec reads the spec file at path within the input limits, before any parsing:
//
//   - path must name a regular file, or a symbolic link to one. A directory, a device
//     (/dev/zero, /dev/stdin), a named pipe or a socket is refused with a LIMIT001
//     diagnostic, without reading from it and without waiting for a writer: the type is
//     checked with stat before opening, and again on the opened file (opened
//     non-blocking where the system has that), so a path swapped in between is caught;
//   - at most spec.MaxFileSize+1 bytes are read, whatever the file claims its size is; a
//     larger file gets spec.TooLarge's SPEC001 diagnostic.
//
// A refused file gives diagnostics (an error in the spec the user named) and no error;
// err is set only when the file cannot be opened or read (it does not exist, permission
// is denied). ReadSpec never returns both.
func ReadSpec(path string) (src []byte, ds diag.Diagnostics, err error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if d, refused := refuseType(path, fi); refused {
		return nil, diag.Diagnostics{d}, nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openNonBlocking, 0)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	if fi, err = f.Stat(); err != nil {
		return nil, nil, err
	}
	if d, refused := refuseType(path, fi); refused {
		return nil, diag.Diagnostics{d}, nil
	}
	// At most the limit plus one byte is read, into a buffer of the file's size with room to
	// see that it grew since Stat (io.ReadAll would double its way up to the size).
	buf := bytes.NewBuffer(make([]byte, 0, min(fi.Size(), spec.MaxFileSize)+1+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(f, spec.MaxFileSize+1)); err != nil {
		return nil, nil, err
	}
	src = buf.Bytes()
	if len(src) > spec.MaxFileSize {
		return nil, diag.Diagnostics{spec.TooLarge(path, max(fi.Size(), int64(len(src))))}, nil
	}
	return src, nil, nil
}

// refuseType returns the LIMIT001 diagnostic for anything but a regular file.
func refuseType(path string, fi fs.FileInfo) (diag.Diagnostic, bool) {
	var what string
	switch m := fi.Mode(); {
	case m.IsRegular():
		return diag.Diagnostic{}, false
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeDevice != 0:
		what = "a device"
	default:
		what = "a special file"
	}
	return diag.Diagnostic{Severity: diag.Error, Code: NotRegularFile, Pos: diag.Pos{File: path},
		Summary: fmt.Sprintf("the spec is %s, not a regular file", what),
		Detail:  "codeartifact-gen reads specs from regular files only (or symbolic links to them), so that reading is bounded and never waits for a writer. Name the YAML file itself."}, true
}

package render

// Files lists every file name Render may return, in the order .gitattributes names them.
var Files = []string{MainFile, IAMFile, OIDCFile, OutputsFile, CrossAccountFile}

// Package cloudtrail reads AWS CloudTrail records of sts:AssumeRoleWithWebIdentity: a
// single event, the output of `aws cloudtrail lookup-events` (whose Events[].CloudTrailEvent
// is the event as a JSON string), a log file's {"Records": [...]} (gzip-compressed or
// not), a JSON list of events, or an EventBridge event ("AWS API Call via CloudTrail", the
// event in its detail). It extracts what a trust policy decides on: the role ARN, the identity provider
// (the token's issuer), the subject and audience of the token, and the error.
//
// The record shapes follow AWS's documentation: the IAM User Guide, "Logging IAM and AWS
// STS API calls with AWS CloudTrail", example "OIDC AWS STS API event"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html), and the
// CloudTrail User Guide, "CloudTrail userIdentity element", values for web identity
// federation
// (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html):
//
//	userIdentity.type              WebIdentityUser
//	userIdentity.principalId       PROVIDER:AUDIENCE:SUBJECT (issuer, application ID, user ID)
//	userIdentity.userName          SUBJECT (the token's sub)
//	userIdentity.identityProvider  the OIDC provider's ARN (arn:aws:iam::ACCOUNT:oidc-provider/HOST/PATH)
//	requestParameters.roleArn      the role asked for
//	responseElements               null on failure; on success subjectFromWebIdentityToken,
//	                               audience, provider, assumedRoleUser
//	errorCode, errorMessage        on failure
//
// CloudTrail records no other claim of the token (ref, environment, repository,
// job_workflow_ref, ...). requestParameters.subjectFromWebIdentityToken, which AWS does not
// document, is read too when present.
//
// Guarantees: Parse reports every problem of the file at once as positioned TRAIL0xx
// diagnostics (file:line:col from the JSON decoder's offset), and returns records only when
// there is none; it does no I/O. ReadFile reads a regular file only, and at most
// MaxFileSize bytes, compressed or not.
package cloudtrail

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/ontopix/codeartifact-gen/generator/diag"
)

// The diagnostic codes of CloudTrail input (their meaning and fix are in diag.Catalogue).
const (
	CodeSyntax      = "TRAIL001"
	CodeShape       = "TRAIL002"
	CodeLookupEvent = "TRAIL003"
	CodeMissing     = "TRAIL004"
	CodeNoRecords   = "TRAIL005"
	CodeFile        = "TRAIL006"
	CodeRoleARN     = "TRAIL007"
)

// Record is one AssumeRoleWithWebIdentity call as CloudTrail recorded it.
type Record struct {
	// Pos is where the record starts in the file; for lookup-events output, where its
	// CloudTrailEvent string starts.
	Pos                        diag.Pos
	EventID, EventTime, Region string
	// RoleARN is requestParameters.roleArn; Role is it parsed.
	RoleARN string
	Role    RoleARN
	// SessionName is requestParameters.roleSessionName.
	SessionName string
	// IdentityProvider is userIdentity.identityProvider (responseElements.provider when
	// that is missing): the OIDC provider's ARN, or an issuer's host for AWS's built-in
	// providers.
	IdentityProvider string
	// Subject is the token's sub, and SubjectFrom the field it was read from.
	Subject, SubjectFrom string
	// Audience is the token's aud, and AudienceFrom where it was read from; both are ""
	// when the record does not tell.
	Audience, AudienceFrom string
	// ErrorCode and ErrorMessage are the call's error; both "" when it succeeded.
	ErrorCode, ErrorMessage string
	// AssumedRoleARN is responseElements.assumedRoleUser.arn of a successful call.
	AssumedRoleARN string
}

// Succeeded reports whether CloudTrail recorded the call without an error.
func (r Record) Succeeded() bool { return r.ErrorCode == "" }

// Issuer returns the issuer URL of the record's identity provider
// (https://token.actions.githubusercontent.com for
// arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com), and the
// provider's partition and account when the provider is given as an ARN.
func (r Record) Issuer() (url, partition, account string) {
	p := r.IdentityProvider
	if rest, ok := strings.CutPrefix(p, "arn:"); ok {
		parts := strings.SplitN(rest, ":", 5)
		if len(parts) == 5 && parts[1] == "iam" {
			if host, ok := strings.CutPrefix(parts[4], "oidc-provider/"); ok {
				return "https://" + host, parts[0], parts[3]
			}
		}
		return "", "", ""
	}
	return "https://" + strings.TrimPrefix(p, "https://"), "", ""
}

// RoleARN is an IAM role ARN: arn:PARTITION:iam::ACCOUNT:role/PATH/NAME.
type RoleARN struct {
	Partition, Account string
	// Path is "/" or "/a/b/"; Name is the role's name.
	Path, Name string
}

// ParseRoleARN parses an IAM role ARN, and reports whether s is one.
func ParseRoleARN(s string) (RoleARN, bool) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return RoleARN{}, false
	}
	parts := strings.SplitN(rest, ":", 5)
	if len(parts) != 5 || parts[0] == "" || parts[1] != "iam" || parts[2] != "" || !isAccount(parts[3]) {
		return RoleARN{}, false
	}
	resource, ok := strings.CutPrefix(parts[4], "role/")
	if !ok || resource == "" || strings.HasSuffix(resource, "/") {
		return RoleARN{}, false
	}
	i := strings.LastIndex(resource, "/")
	return RoleARN{Partition: parts[0], Account: parts[3], Path: "/" + resource[:i+1], Name: resource[i+1:]}, true
}

func isAccount(s string) bool {
	if len(s) != 12 {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// event is the part of a CloudTrail event that Parse reads.
type event struct {
	EventSource       string        `json:"eventSource"`
	EventName         string        `json:"eventName"`
	EventTime         string        `json:"eventTime"`
	EventID           string        `json:"eventID"`
	AWSRegion         string        `json:"awsRegion"`
	ErrorCode         string        `json:"errorCode"`
	ErrorMessage      string        `json:"errorMessage"`
	UserIdentity      *userIdentity `json:"userIdentity"`
	RequestParameters *struct {
		RoleARN                     string `json:"roleArn"`
		RoleSessionName             string `json:"roleSessionName"`
		SubjectFromWebIdentityToken string `json:"subjectFromWebIdentityToken"`
	} `json:"requestParameters"`
	ResponseElements *struct {
		SubjectFromWebIdentityToken string `json:"subjectFromWebIdentityToken"`
		Audience                    string `json:"audience"`
		Provider                    string `json:"provider"`
		AssumedRoleUser             *struct {
			ARN string `json:"arn"`
		} `json:"assumedRoleUser"`
	} `json:"responseElements"`
}

// userIdentity is the userIdentity element of a web identity call.
type userIdentity struct {
	Type             string `json:"type"`
	PrincipalID      string `json:"principalId"`
	UserName         string `json:"userName"`
	IdentityProvider string `json:"identityProvider"`
}

// Result is what Parse found in a file.
type Result struct {
	// Records are the AssumeRoleWithWebIdentity records of sts.amazonaws.com, in file order.
	Records []Record
	// Shape names the input: "event", "lookup-events", "log file", "event list" or
	// "EventBridge event".
	Shape string
	// Events counts every event read, records included.
	Events int
}

// Parse reads the CloudTrail JSON src, named path in diagnostics. It returns the records
// when the file has no problem, and otherwise every problem as a diagnostic (and no
// records).
func Parse(path string, src []byte) (Result, diag.Diagnostics) {
	p := &parser{path: path, src: src}
	res := Result{}
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		// A UTF-8 byte order mark (Notepad writes one): white space to the decoder, so that
		// positions stay those of the file.
		src = append([]byte("   "), src[3:]...)
		p.src = src
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		p.errorAt(CodeSyntax, 0, "the file is UTF-16 text, not UTF-8 JSON",
			"Windows PowerShell 5's > writes UTF-16. Save the output as UTF-8: aws cloudtrail lookup-events ... | Out-File -Encoding utf8 events.json (or use PowerShell 7, or aws --output json with --query to a file from cmd.exe).")
		return Result{}, p.ds
	}
	// The whole file is checked once as raw JSON (syntax errors with their offsets); only
	// the top level's keys are decoded here, and each event later into the fields it needs.
	var top json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&top); err != nil {
		p.jsonError(err, 0, "")
		return Result{}, p.ds
	}
	if _, err := dec.Token(); err == nil {
		p.errorAt(CodeSyntax, int(dec.InputOffset())-1, "the file holds more than one JSON value",
			"A CloudTrail file is one JSON document: an event, lookup-events output or a log file. Remove what follows the first value, or split the file.")
		return Result{}, p.ds
	}
	var elems []element
	switch top[0] {
	case '[':
		res.Shape = "event list"
		elems = p.arrayElements("")
	case '{':
		var t map[string]json.RawMessage
		json.Unmarshal(top, &t) // cannot fail: top is a valid object
		has := func(k string) bool { return t[k] != nil && string(t[k]) != "null" }
		switch {
		case has("Records"):
			res.Shape = "log file"
			elems = p.arrayElements("Records")
		case has("Events"):
			res.Shape = "lookup-events"
			elems = p.lookupEvents(p.arrayElements("Events"))
		case string(t["detail-type"]) == `"AWS API Call via CloudTrail"` && has("detail"):
			// An EventBridge event (a rule on AccessDenied, say) carries the CloudTrail
			// event as its detail.
			res.Shape = "EventBridge event"
			elems = p.topValue("detail")
		case has("eventName") || has("eventSource"):
			res.Shape = "event"
			elems = []element{{start: p.skipSpace(0), raw: bytes.TrimSpace(src)}}
		default:
			p.errorAt(CodeShape, p.skipSpace(0), "the JSON object is not a CloudTrail event, lookup-events output or log file",
				`Give one event (an object with eventName), the output of aws cloudtrail lookup-events (an object with Events), or a log file (an object with Records).`)
		}
	default:
		p.errorAt(CodeShape, p.skipSpace(0), "the file holds a JSON "+jsonKind(top[0])+", not a CloudTrail event, lookup-events output or log file",
			`Give one event (an object with eventName), the output of aws cloudtrail lookup-events (an object with Events), or a log file (an object with Records).`)
	}
	for _, e := range elems {
		res.Events++
		if r, ok := p.record(e); ok {
			res.Records = append(res.Records, r)
		}
	}
	if len(p.ds) == 0 && len(res.Records) == 0 {
		p.ds = append(p.ds, diag.Diagnostic{Severity: diag.Error, Code: CodeNoRecords, Pos: diag.Pos{File: path},
			Summary: fmt.Sprintf("no AssumeRoleWithWebIdentity record among the %d event(s) of this %s", res.Events, res.Shape),
			Detail: "Nothing was explained. Look up the call that failed, for example: aws cloudtrail lookup-events --lookup-attributes " +
				"AttributeKey=EventName,AttributeValue=AssumeRoleWithWebIdentity --max-results 20 > events.json. " +
				"Denied calls are logged in the account of the role."})
	}
	if len(p.ds) > 0 {
		return Result{}, p.ds.Sort()
	}
	return res, nil
}

// element is one event of the file: its raw JSON and where it starts. inString is set for
// an event given as a JSON string (lookup-events' CloudTrailEvent): offsets inside raw then
// do not map to the file, and diagnostics name the string's position.
type element struct {
	start    int
	raw      []byte
	inString bool
}

type parser struct {
	path  string
	src   []byte
	ds    diag.Diagnostics
	lines []int // offsets of the line starts, filled by pos
}

// arrayElements returns the elements of the array at the top level (key "") or under the
// top-level key, with their offsets in src. src is valid JSON here.
func (p *parser) arrayElements(key string) []element {
	dec := json.NewDecoder(bytes.NewReader(p.src))
	if key != "" {
		dec.Token() // {
		for dec.More() {
			k, _ := dec.Token()
			if k == key {
				break
			}
			var skip json.RawMessage
			dec.Decode(&skip)
		}
	}
	off := int(dec.InputOffset())
	if t, _ := dec.Token(); t != json.Delim('[') {
		p.errorAt(CodeShape, p.skipSpace(off), fmt.Sprintf("%s is not a list", orTop(key)),
			"In a log file, Records is a list of events; in lookup-events output, Events is a list.")
		return nil
	}
	var out []element
	for dec.More() {
		off := int(dec.InputOffset())
		var raw json.RawMessage
		dec.Decode(&raw)
		out = append(out, element{start: p.skipSpace(off), raw: raw})
	}
	return out
}

// topValue returns the value of a key of the top-level object, with its offset, as the
// one element of the file. src is valid JSON here.
func (p *parser) topValue(key string) []element {
	dec := json.NewDecoder(bytes.NewReader(p.src))
	dec.Token() // {
	for dec.More() {
		k, _ := dec.Token()
		off := int(dec.InputOffset())
		var raw json.RawMessage
		dec.Decode(&raw)
		if k == key {
			return []element{{start: p.skipSpace(off), raw: raw}}
		}
	}
	return nil
}

// lookupEvents returns the events that lookup-events output carries as strings.
func (p *parser) lookupEvents(entries []element) []element {
	var out []element
	for _, e := range entries {
		var entry map[string]json.RawMessage
		if json.Unmarshal(e.raw, &entry) != nil {
			p.errorAt(CodeShape, e.start, "an entry of Events is not an object", "Each entry of lookup-events' Events is an object with a CloudTrailEvent string.")
			continue
		}
		raw, ok := entry["CloudTrailEvent"]
		var s string
		if !ok || json.Unmarshal(raw, &s) != nil {
			p.errorAt(CodeLookupEvent, e.start, "an entry of Events has no CloudTrailEvent string",
				"lookup-events puts each event, as a JSON string, in CloudTrailEvent; give the command's output unchanged (--output json).")
			continue
		}
		pos := e.start + bytes.Index(e.raw, []byte(`"CloudTrailEvent"`))
		pos += bytes.Index(p.src[pos:], []byte(":")) + 1
		out = append(out, element{start: p.skipSpace(pos), raw: []byte(s), inString: true})
	}
	return out
}

// record decodes one event, and returns it as a Record when it is an
// AssumeRoleWithWebIdentity call of sts.amazonaws.com.
func (p *parser) record(e element) (Record, bool) {
	var ev event
	dec := json.NewDecoder(bytes.NewReader(e.raw))
	if err := dec.Decode(&ev); err != nil {
		if e.inString {
			p.jsonError(err, e.start, "the CloudTrailEvent string")
		} else {
			p.jsonError(err, e.start, "")
		}
		return Record{}, false
	}
	if ev.EventSource != "sts.amazonaws.com" || ev.EventName != "AssumeRoleWithWebIdentity" {
		return Record{}, false
	}
	r := Record{Pos: p.pos(e.start), EventID: ev.EventID, EventTime: ev.EventTime, Region: ev.AWSRegion,
		ErrorCode: ev.ErrorCode, ErrorMessage: ev.ErrorMessage}
	var missing []string
	if rp := ev.RequestParameters; rp != nil {
		r.RoleARN, r.SessionName = rp.RoleARN, rp.RoleSessionName
	}
	ui := ev.UserIdentity
	if ui == nil {
		ui = &userIdentity{}
	}
	r.IdentityProvider = ui.IdentityProvider
	re := ev.ResponseElements
	switch {
	case re != nil && re.SubjectFromWebIdentityToken != "":
		r.Subject, r.SubjectFrom = re.SubjectFromWebIdentityToken, "responseElements.subjectFromWebIdentityToken"
	case ui.UserName != "":
		r.Subject, r.SubjectFrom = ui.UserName, "userIdentity.userName"
	case ev.RequestParameters != nil && ev.RequestParameters.SubjectFromWebIdentityToken != "":
		r.Subject, r.SubjectFrom = ev.RequestParameters.SubjectFromWebIdentityToken, "requestParameters.subjectFromWebIdentityToken"
	}
	if re != nil {
		if r.IdentityProvider == "" {
			r.IdentityProvider = re.Provider
		}
		if re.Audience != "" {
			r.Audience, r.AudienceFrom = re.Audience, "responseElements.audience"
		}
		if re.AssumedRoleUser != nil {
			r.AssumedRoleARN = re.AssumedRoleUser.ARN
		}
	}
	// principalId is PROVIDER:AUDIENCE:SUBJECT; the audience is what lies between the two.
	if r.Audience == "" && r.IdentityProvider != "" && r.Subject != "" {
		if mid, ok := strings.CutPrefix(ui.PrincipalID, r.IdentityProvider+":"); ok {
			if aud, ok := strings.CutSuffix(mid, ":"+r.Subject); ok && aud != "" {
				r.Audience, r.AudienceFrom = aud, "userIdentity.principalId"
			}
		}
	}
	if r.RoleARN == "" {
		missing = append(missing, "requestParameters.roleArn")
	}
	if r.Subject == "" {
		missing = append(missing, "the token's subject (responseElements.subjectFromWebIdentityToken or userIdentity.userName)")
	}
	if r.IdentityProvider == "" {
		missing = append(missing, "userIdentity.identityProvider")
	}
	if len(missing) > 0 {
		p.ds = append(p.ds, diag.Diagnostic{Severity: diag.Error, Code: CodeMissing, Pos: r.Pos,
			Summary: "AssumeRoleWithWebIdentity record without " + strings.Join(missing, ", "),
			Detail:  "The explanation needs the role, the token's subject and its issuer. Give the event as CloudTrail recorded it (Event history, lookup-events or the trail's log file), not an excerpt."})
		return Record{}, false
	}
	role, ok := ParseRoleARN(r.RoleARN)
	if !ok {
		p.ds = append(p.ds, diag.Diagnostic{Severity: diag.Error, Code: CodeRoleARN, Pos: r.Pos,
			Summary: fmt.Sprintf("requestParameters.roleArn %q is not an IAM role ARN", r.RoleARN),
			Detail:  "A role ARN is arn:PARTITION:iam::ACCOUNT:role/NAME (ACCOUNT is 12 digits). Give the event as CloudTrail recorded it."})
		return Record{}, false
	}
	r.Role = role
	return r, true
}

// jsonError reports a decoding error of the value that starts at base. What names an
// embedded document (a string holding JSON), whose offsets do not map to the file.
func (p *parser) jsonError(err error, base int, what string) {
	var off int
	var summary, code = err.Error(), CodeSyntax
	switch e := err.(type) {
	case *json.SyntaxError:
		off = int(e.Offset) - 1
		summary = "invalid JSON: " + strings.TrimPrefix(e.Error(), "invalid character ")
		if strings.HasPrefix(e.Error(), "invalid character ") {
			summary = "invalid JSON: character " + strings.TrimPrefix(e.Error(), "invalid character ")
		}
		if e.Error() == "unexpected end of JSON input" {
			summary = "invalid JSON: the file ends inside a value"
		}
	case *json.UnmarshalTypeError:
		off = int(e.Offset) - 1
		if what == "" {
			off = p.valueStart(base, off, e.Field)
		}
		code = CodeShape
		summary = fmt.Sprintf("%s is a JSON %s, but CloudTrail writes %s there", fieldName(e.Field), e.Value, typeName(e.Type.Kind().String()))
	default:
		switch err {
		case io.EOF:
			summary = "the file is empty"
		case io.ErrUnexpectedEOF:
			summary, off = "invalid JSON: the file ends inside a value", len(p.src)-base
		}
	}
	detail := "Give the file as CloudTrail or the AWS CLI wrote it: one event, lookup-events output (--output json) or a log file with Records."
	if what != "" {
		if code == CodeSyntax {
			code = CodeLookupEvent
		}
		summary = fmt.Sprintf("%s, at character %d of %s", summary, max(off, 0)+1, what)
		p.errorAt(code, base, summary, detail)
		return
	}
	p.errorAt(code, base+max(off, 0), summary, detail)
}

func fieldName(f string) string {
	if f == "" {
		return "the value"
	}
	return f
}

func typeName(kind string) string {
	switch kind {
	case "struct", "map":
		return "an object"
	case "slice", "array":
		return "a list"
	}
	return "a " + kind
}

// valueStart returns the offset, relative to base, of the value of field (a dotted path;
// its last name counts) that ends at end: the decoder reports where a value of the wrong
// type ends, and people look for where it starts.
func (p *parser) valueStart(base, end int, field string) int {
	name := field[strings.LastIndexByte(field, '.')+1:]
	if name == "" || base+end > len(p.src) {
		return end
	}
	i := bytes.LastIndex(p.src[base:base+end], []byte(`"`+name+`"`))
	if i < 0 {
		return end
	}
	j := bytes.IndexByte(p.src[base+i+len(name)+2:base+end], ':')
	if j < 0 {
		return end
	}
	return p.skipSpace(base+i+len(name)+2+j+1) - base
}

// jsonKind names the kind of a JSON value that is neither an object nor a list from its
// first byte.
func jsonKind(first byte) string {
	switch first {
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "number"
}

func orTop(key string) string {
	if key == "" {
		return "the top-level value"
	}
	return key
}

// errorAt appends an error diagnostic at byte offset off of src.
func (p *parser) errorAt(code string, off int, summary, detail string) {
	p.ds = append(p.ds, diag.Diagnostic{Severity: diag.Error, Code: code, Pos: p.pos(off), Summary: summary, Detail: detail})
}

// skipSpace returns the offset of the first byte at or after off that is neither JSON
// white space nor a separator (a comma or a colon): where the next value starts.
func (p *parser) skipSpace(off int) int {
	for off < len(p.src) && strings.IndexByte(" \t\r\n,:", p.src[off]) >= 0 {
		off++
	}
	return off
}

// pos returns the 1-based line and column (in characters) of byte offset off. The offsets
// of the line starts are found once per file, so positions of every record of a large log
// file cost a binary search each.
func (p *parser) pos(off int) diag.Pos {
	off = min(max(off, 0), len(p.src))
	if p.lines == nil {
		p.lines = []int{0}
		for i, c := range p.src {
			if c == '\n' {
				p.lines = append(p.lines, i+1)
			}
		}
	}
	line, found := slices.BinarySearch(p.lines, off)
	if !found {
		line-- // off lies within the line that starts before it
	}
	start := p.lines[line]
	return diag.Pos{File: p.path, Line: line + 1, Col: 1 + utf8.RuneCount(p.src[start:off])}
}

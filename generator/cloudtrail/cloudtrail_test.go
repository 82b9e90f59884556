package cloudtrail

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// denied and allowed are AssumeRoleWithWebIdentity events shaped as AWS documents them
// (IAM User Guide, example OIDC AWS STS API event; CloudTrail User Guide, userIdentity for
// WebIdentityUser): a refused call has responseElements null, and the audience only in
// principalId (PROVIDER:AUDIENCE:SUBJECT).
const (
	provider = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"
	denied   = `{"eventVersion":"1.08","userIdentity":{"type":"WebIdentityUser",` +
		`"principalId":"` + provider + `:sts.amazonaws.com:repo:acme/lib:environment:production",` +
		`"userName":"repo:acme/lib:environment:production","identityProvider":"` + provider + `"},` +
		`"eventTime":"2026-11-27T09:14:03Z","eventSource":"sts.amazonaws.com","eventName":"AssumeRoleWithWebIdentity",` +
		`"awsRegion":"eu-west-1","errorCode":"AccessDenied","errorMessage":"Not authorized to perform sts:AssumeRoleWithWebIdentity",` +
		`"requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/AcmePublish","roleSessionName":"GitHubActions"},` +
		`"responseElements":null,"eventID":"e1"}`
	allowed = `{"eventVersion":"1.08","userIdentity":{"type":"WebIdentityUser",` +
		`"principalId":"` + provider + `:sts.amazonaws.com:repo:acme/lib:ref:refs/tags/v1.2.0",` +
		`"userName":"repo:acme/lib:ref:refs/tags/v1.2.0","identityProvider":"` + provider + `"},` +
		`"eventSource":"sts.amazonaws.com","eventName":"AssumeRoleWithWebIdentity",` +
		`"requestParameters":{"roleArn":"arn:aws:iam::111122223333:role/a/b/AcmePublish","roleSessionName":"GitHubActions"},` +
		`"responseElements":{"subjectFromWebIdentityToken":"repo:acme/lib:ref:refs/tags/v1.2.0","audience":"sts.amazonaws.com",` +
		`"provider":"` + provider + `","assumedRoleUser":{"arn":"arn:aws:sts::111122223333:assumed-role/AcmePublish/GitHubActions"}},"eventID":"e2"}`
	other = `{"eventSource":"codeartifact.amazonaws.com","eventName":"GetAuthorizationToken"}`
)

func TestParseShapes(t *testing.T) {
	lookup := func(events ...string) string {
		var entries []string
		for _, e := range events {
			s, _ := json.Marshal(e)
			entries = append(entries, `{"EventId":"x","EventName":"AssumeRoleWithWebIdentity","CloudTrailEvent":`+string(s)+`}`)
		}
		return `{"Events":[` + strings.Join(entries, ",") + `],"NextToken":"abc"}`
	}
	for _, c := range []struct {
		name, src, shape string
		events           int
		positions        []string
	}{
		{"event", "\n  " + denied + "\n", "event", 1, []string{"f:2:3"}},
		{"log file", `{"Records": [` + other + ",\n  " + denied + ",\n\t" + allowed + `]}`, "log file", 3, []string{"f:2:3", "f:3:2"}},
		{"lookup-events", lookup(denied, allowed), "lookup-events", 2, stringPositions(lookup(denied, allowed))},
		{"event list", "[" + denied + ", " + other + ", " + allowed + "]", "event list", 3, []string{"f:1:2", fmt.Sprintf("f:1:%d", 2+len(denied)+2+len(other)+2)}},
		{"EventBridge event", `{"version":"0","detail-type":"AWS API Call via CloudTrail","source":"aws.sts",` + "\n" + `"detail": ` + denied + `}`, "EventBridge event", 1, []string{"f:2:11"}},
		{"UTF-8 byte order mark", "\xEF\xBB\xBF" + denied, "event", 1, []string{"f:1:4"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, ds := Parse("f", []byte(c.src))
			if len(ds) > 0 {
				t.Fatalf("diagnostics: %v", ds)
			}
			if res.Shape != c.shape || res.Events != c.events {
				t.Errorf("shape %q with %d events, want %q with %d", res.Shape, res.Events, c.shape, c.events)
			}
			var got []string
			for _, r := range res.Records {
				got = append(got, r.Pos.String())
			}
			if !reflect.DeepEqual(got, c.positions) {
				t.Errorf("record positions %q, want %q", got, c.positions)
			}
			d := res.Records[0]
			want := Record{Pos: d.Pos, EventID: "e1", EventTime: "2026-11-27T09:14:03Z", Region: "eu-west-1",
				RoleARN: "arn:aws:iam::111122223333:role/AcmePublish", Role: RoleARN{Partition: "aws", Account: "111122223333", Path: "/", Name: "AcmePublish"},
				SessionName: "GitHubActions", IdentityProvider: provider,
				Subject: "repo:acme/lib:environment:production", SubjectFrom: "userIdentity.userName",
				Audience: "sts.amazonaws.com", AudienceFrom: "userIdentity.principalId",
				ErrorCode: "AccessDenied", ErrorMessage: "Not authorized to perform sts:AssumeRoleWithWebIdentity"}
			if !reflect.DeepEqual(d, want) {
				t.Errorf("denied record:\n got %+v\nwant %+v", d, want)
			}
			if len(res.Records) > 1 {
				a := res.Records[1]
				if a.Subject != "repo:acme/lib:ref:refs/tags/v1.2.0" || a.SubjectFrom != "responseElements.subjectFromWebIdentityToken" ||
					a.AudienceFrom != "responseElements.audience" || !a.Succeeded() || a.Role.Path != "/a/b/" || a.Role.Name != "AcmePublish" ||
					a.AssumedRoleARN != "arn:aws:sts::111122223333:assumed-role/AcmePublish/GitHubActions" {
					t.Errorf("allowed record: %+v", a)
				}
			}
			url, partition, account := d.Issuer()
			if url != "https://token.actions.githubusercontent.com" || partition != "aws" || account != "111122223333" {
				t.Errorf("Issuer() = %q, %q, %q", url, partition, account)
			}
		})
	}
}

// stringPositions returns the positions, on line 1, of the values of every
// "CloudTrailEvent": key of src.
func stringPositions(src string) []string {
	var out []string
	key := `"CloudTrailEvent":`
	for i := 0; ; {
		j := strings.Index(src[i:], key)
		if j < 0 {
			return out
		}
		i += j + len(key)
		out = append(out, fmt.Sprintf("f:1:%d", i+1))
	}
}

// TestParseDiagnostics checks that every problem of a file is reported at once, each with
// its code at the position of the value it is about.
func TestParseDiagnostics(t *testing.T) {
	noRole := strings.Replace(denied, `"roleArn":"arn:aws:iam::111122223333:role/AcmePublish",`, "", 1)
	badARN := strings.Replace(denied, "role/AcmePublish", "user/AcmePublish", 1)
	noSubject := strings.NewReplacer(`"userName":"repo:acme/lib:environment:production",`, "").Replace(denied)
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"empty", "", []string{"f:1:1 TRAIL001"}},
		{"syntax", "{\n  \"Records\": [\n    {\"eventName\": 1,}\n  ]\n}", []string{"f:3:21 TRAIL001"}},
		{"truncated", `{"Records": [` + denied, []string{fmt.Sprintf("f:1:%d TRAIL001", len(`{"Records": [`+denied)+1)}},
		{"two values", denied + "\n" + denied, []string{"f:2:1 TRAIL001"}},
		{"string", `"AssumeRoleWithWebIdentity"`, []string{"f:1:1 TRAIL002"}},
		{"other object", ` {"eventVersion": "1.08"}`, []string{"f:1:2 TRAIL002"}},
		{"records not a list", `{"Records": {"a": 1}}`, []string{"f:1:13 TRAIL002"}},
		{"wrong types", "{\"Records\": [\n" + strings.Replace(denied, `"eventID":"e1"`, `"eventID":"e1","errorCode":7`, 1) + ",\n" +
			strings.Replace(denied, `"userIdentity":{`, `"userIdentity":"x","y":{`, 1) + "\n]}",
			[]string{fmt.Sprintf("f:2:%d TRAIL002", len(denied)-1+len(`,"errorCode":`)+1), "f:3:39 TRAIL002"}},
		{"lookup-events", `{"Events": [{"EventId": "1"}, {"CloudTrailEvent": "{\"eventName\": }"}, {"CloudTrailEvent": 5}, 7]}`,
			[]string{"f:1:13 TRAIL003", "f:1:51 TRAIL003", "f:1:73 TRAIL003", "f:1:97 TRAIL002"}},
		{"missing and malformed", `{"Records": [` + noRole + ",\n" + noSubject + ",\n" + badARN + "]}",
			[]string{"f:1:14 TRAIL004", "f:2:1 TRAIL004", "f:3:1 TRAIL007"}},
		{"no records", `{"Records": [` + other + `]}`, []string{"f TRAIL005"}},
		{"UTF-16", "\xFF\xFE{\x00}\x00", []string{"f:1:1 TRAIL001"}},
		{"EventBridge event of another kind", `{"detail-type":"EC2 Instance State-change Notification","detail":{}}`, []string{"f:1:1 TRAIL002"}},
		{"no records in an empty log", `{"Records": []}`, []string{"f TRAIL005"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, ds := Parse("f", []byte(c.src))
			var got []string
			for _, d := range ds {
				got = append(got, d.Pos.String()+" "+d.Code)
				if d.Summary == "" || d.Detail == "" {
					t.Errorf("diagnostic without summary or detail: %+v", d)
				}
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("diagnostics %q, want %q\n%v", got, c.want, ds)
			}
			if len(res.Records) > 0 {
				t.Errorf("records returned with diagnostics: %+v", res.Records)
			}
		})
	}
}

func TestParseRoleARN(t *testing.T) {
	for s, want := range map[string]*RoleARN{
		"arn:aws:iam::111122223333:role/Name":               {"aws", "111122223333", "/", "Name"},
		"arn:aws-cn:iam::111122223333:role/path/to/Name":    {"aws-cn", "111122223333", "/path/to/", "Name"},
		"arn:aws-us-gov:iam::111122223333:role/a@b.c+d=e,f": {"aws-us-gov", "111122223333", "/", "a@b.c+d=e,f"},
		"arn:aws:iam::111122223333:role/":                   nil,
		"arn:aws:iam::111122223333:role/path/":              nil,
		"arn:aws:iam::11112222333:role/Name":                nil,
		"arn:aws:iam:eu-west-1:111122223333:role/Name":      nil,
		"arn:aws:sts::111122223333:assumed-role/Name/s":     nil,
		"arn:aws:iam::111122223333:user/Name":               nil,
		"role/Name":                                         nil,
	} {
		got, ok := ParseRoleARN(s)
		if (want == nil) == ok || want != nil && got != *want {
			t.Errorf("ParseRoleARN(%q) = %+v, %v; want %+v", s, got, ok, want)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gz := func(data []byte) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write(data)
		w.Close()
		return b.Bytes()
	}

	plain := write("plain.json", []byte(denied))
	compressed := write("log.json.gz", gz([]byte(denied)))
	for _, p := range []string{plain, compressed} {
		src, ds, err := ReadFile(p)
		if err != nil || ds != nil || string(src) != denied {
			t.Errorf("ReadFile(%s) = %d bytes, %v, %v", p, len(src), ds, err)
		}
	}

	broken := gz([]byte(denied))
	broken = broken[:len(broken)-12]
	bomb := gz(bytes.Repeat([]byte(" "), MaxFileSize+1))
	for name, p := range map[string]string{
		"directory":   dir,
		"broken gzip": write("broken.json.gz", broken),
		"too large":   write("bomb.json.gz", bomb),
	} {
		src, ds, err := ReadFile(p)
		if err != nil || len(ds) != 1 || ds[0].Code != CodeFile || src != nil {
			t.Errorf("%s: ReadFile = %d bytes, %v, %v; want one %s diagnostic", name, len(src), ds, err, CodeFile)
		}
	}
	if _, _, err := ReadFile(filepath.Join(dir, "missing.json")); !os.IsNotExist(err) {
		t.Errorf("missing file: err = %v", err)
	}
}

// BenchmarkParseLogFile parses a log file of 10,000 events, half of them
// AssumeRoleWithWebIdentity records: about 6 MB, larger than the files CloudTrail delivers
// every five minutes for most accounts.
func BenchmarkParseLogFile(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"Records": [`)
	for i := range 10000 {
		if i > 0 {
			buf.WriteString(",\n")
		}
		if i%2 == 0 {
			buf.WriteString(denied)
		} else {
			buf.WriteString(other)
		}
	}
	buf.WriteString("]}")
	src := buf.Bytes()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		res, ds := Parse("f", src)
		if len(ds) > 0 || len(res.Records) != 5000 {
			b.Fatalf("%d records, %v", len(res.Records), ds)
		}
	}
}

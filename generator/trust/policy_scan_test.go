package trust

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// parseBothWays parses doc with the byte scanner and with encoding/json alone.
func parseBothWays(doc []byte) (scan, ref string) {
	show := func() string {
		p, err := ParsePolicy(doc)
		return fmt.Sprintf("%#v %v", p, err)
	}
	scan = show()
	scanValid = false
	defer func() { scanValid = true }()
	return scan, show()
}

// policyScanCorpus holds valid and invalid documents in the shapes the scanner splits:
// white space everywhere JSON allows it, escapes in names and values, numbers, booleans,
// null, nested lists, repeated names in short and long objects, invalid UTF-8.
func policyScanCorpus() []string {
	long := []string{}
	for i := 0; i < 40; i++ {
		long = append(long, fmt.Sprintf(`"k%d":"v"`, i))
	}
	longDup := append(append([]string{}, long...), `"k3":"w"`)
	const st = `"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity"`
	return []string{
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":["repo:o/r:ref:refs/heads/main","repo:o/r:environment:prod"]}}}]}`,
		" \n\t{ \"Statement\" :\r\n [ { " + st + " , \"Resource\" : [ \"a\" , \"b\\\"c\" ] } ] } \n",
		`{"Statement":{` + st + `,"Condition":{"NumericLessThan":{"n":[1,-2.5e3,true,false]}}}}`,
		`{"Statement":{` + st + `,"Condition":{"Bool":{"b":null}}}}`,
		`{"Statement":{` + st + `,"Condition":{"StringLike":{"k\u0041":"\u00e9\n\\"}}}}`,
		`{"Statement":{` + st + `,"Condition":{"StringLike":{` + strings.Join(long, ",") + `}}}}`,
		`{"Statement":{` + st + `,"Condition":{"StringLike":{` + strings.Join(longDup, ",") + `}}}}`,
		`{"Statement":{` + st + `,"Condition":{"StringLike":{"k":"a","k":"b"}}}}`,
		`{"Statement":{` + st + `,"Condition":{"StringLike":{"k":"\xff"}}}}`,
		`{"Statement":{` + st + `,"Resource":[]}}`,
		`{"Statement":{` + st + `,"Resource":[[]]}}`,
		`{"Statement":{` + st + `,"Resource":[{"a":"}"},"]"]}}`,
		`{"Statement":[{` + st + `},{"Effect":"Deny","NotAction":"*","NotResource":"x","NotPrincipal":{"AWS":["1","2"]}}]}`,
		`{"Statement":{` + st + `}} {}`,
		`{"Statement":`,
		`{"Statement":{` + st + `,}}`,
		`{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*"}}`,
		`{"Sid\"":1}`,
		`{}`, `[]`, ``, `"x"`,
	}
}

func TestPolicyScanMatchesEncodingJSON(t *testing.T) {
	for _, doc := range policyScanCorpus() {
		if scan, ref := parseBothWays([]byte(doc)); scan != ref {
			t.Errorf("%q:\nscanner:       %s\nencoding/json: %s", doc, scan, ref)
		}
	}
}

// FuzzPolicyScan checks that the scanner and encoding/json parse every document alike.
func FuzzPolicyScan(f *testing.F) {
	for _, doc := range policyScanCorpus() {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		if scan, ref := parseBothWays(doc); !reflect.DeepEqual(scan, ref) {
			t.Errorf("%q:\nscanner:       %s\nencoding/json: %s", doc, scan, ref)
		}
	})
}

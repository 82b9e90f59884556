package trust

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePolicyAccepts(t *testing.T) {
	doc := `{
	  "Version": "2012-10-17",
	  "Id": "trust",
	  "Statement": {
	    "Sid": "GitHub",
	    "Effect": "Allow",
	    "Principal": {"Federated": "${local.github_oidc_provider_arn}", "AWS": ["arn:aws:iam::1:root", "*"]},
	    "Action": ["sts:AssumeRoleWithWebIdentity", "sts:TagSession"],
	    "Condition": {
	      "StringLike": {"k:sub": ["repo:o/*", "repo:p/*"], "k:aud": "sts.amazonaws.com"},
	      "Bool": {"aws:SecureTransport": true},
	      "NumericLessThan": {"k:n": [1, 2.50, -3]}
	    }
	  }
	}`
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatalf("ParsePolicy: %v", err)
	}
	if p.Version != "2012-10-17" || p.ID != "trust" || len(p.Statements) != 1 {
		t.Fatalf("policy = %+v", p)
	}
	st := p.Statements[0]
	if st.Sid != "GitHub" || st.Effect != EffectAllow {
		t.Errorf("Sid/Effect = %q/%q", st.Sid, st.Effect)
	}
	wantPrincipal := PrincipalBlock{Present: true, Values: map[string][]string{
		"Federated": {"${local.github_oidc_provider_arn}"},
		"AWS":       {"arn:aws:iam::1:root", "*"},
	}}
	if !reflect.DeepEqual(st.Principal, wantPrincipal) {
		t.Errorf("Principal = %+v, want %+v", st.Principal, wantPrincipal)
	}
	wantAction := ListBlock{Present: true, Values: []string{"sts:AssumeRoleWithWebIdentity", "sts:TagSession"}}
	if !reflect.DeepEqual(st.Action, wantAction) {
		t.Errorf("Action = %+v", st.Action)
	}
	if st.Resource.Present {
		t.Errorf("Resource should be absent, got %+v", st.Resource)
	}
	// Sorted by operator, then key; bools and numbers stringified.
	wantConditions := []Condition{
		{Operator: "Bool", Key: "aws:SecureTransport", Values: []string{"true"}},
		{Operator: "NumericLessThan", Key: "k:n", Values: []string{"1", "2.50", "-3"}},
		{Operator: "StringLike", Key: "k:aud", Values: []string{"sts.amazonaws.com"}},
		{Operator: "StringLike", Key: "k:sub", Values: []string{"repo:o/*", "repo:p/*"}},
	}
	if !reflect.DeepEqual(st.Conditions, wantConditions) {
		t.Errorf("Conditions = %+v\nwant %+v", st.Conditions, wantConditions)
	}
}

func TestParsePolicyNegatedElementsAndArrayForm(t *testing.T) {
	doc := `{"Statement":[
	  {"Effect":"Deny","NotPrincipal":"*","NotAction":"iam:*","NotResource":["arn:aws:s3:::b/*"]},
	  {"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatalf("ParsePolicy: %v", err)
	}
	if len(p.Statements) != 2 || p.Version != "" {
		t.Fatalf("policy = %+v", p)
	}
	st := p.Statements[0]
	if !st.Principal.Negated || !st.Principal.Any || !st.Action.Negated || !st.Resource.Negated {
		t.Errorf("negations not recorded: %+v", st)
	}
	if p.Statements[1].Principal.Negated || !p.Statements[1].Principal.Any {
		t.Errorf("Principal \"*\" not recorded: %+v", p.Statements[1].Principal)
	}
}

func TestParsePolicyRejectsMalformed(t *testing.T) {
	const okStmt = `"Effect":"Allow","Action":"sts:AssumeRoleWithWebIdentity"`
	tests := []struct {
		name, doc, wantErr string
	}{
		{"not JSON", `{"Statement":`, "invalid JSON"},
		{"empty", ``, "empty document"},
		{"top-level array", `[]`, "must be an object, got a list"},
		{"trailing data", `{"Statement":{` + okStmt + `}} {}`, "data after the closing brace"},
		{"no Statement", `{"Version":"2012-10-17"}`, "no Statement"},
		{"empty Statement list", `{"Statement":[]}`, "at least one statement"},
		{"Statement string", `{"Statement":"x"}`, "Statement: must be an object or a list of objects, got a string"},
		{"Statement item not object", `{"Statement":[1]}`, "statement #1: must be an object, got a number"},
		{"unknown top-level element", `{"Statment":[]}`, `unknown policy element "Statment"`},
		{"lower-case element name", `{"statement":{` + okStmt + `}}`, `unknown policy element "statement"`},
		{"bad Version", `{"Version":"2012-10-18","Statement":{` + okStmt + `}}`, `Version "2012-10-18"`},
		{"Version not string", `{"Version":2012,"Statement":{` + okStmt + `}}`, "Version: must be a string"},
		{"duplicate top-level", `{"Version":"2012-10-17","Version":"2012-10-17","Statement":{` + okStmt + `}}`, `"Version" appears more than once`},
		{"duplicate statement element", `{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"*"}}`, `"Effect" appears more than once`},
		{"lower-case Effect value", `{"Statement":{"Effect":"allow","Action":"*"}}`, `Effect "allow"`},
		{"missing Effect", `{"Statement":{"Action":"*"}}`, "statement #1: has no Effect"},
		{"missing Action", `{"Statement":{"Effect":"Allow"}}`, "neither Action nor NotAction"},
		{"Action and NotAction", `{"Statement":{` + okStmt + `,"NotAction":"iam:*"}}`, "both Action and NotAction"},
		{"Resource and NotResource", `{"Statement":{` + okStmt + `,"Resource":"*","NotResource":"*"}}`, "both Resource and NotResource"},
		{"Principal and NotPrincipal", `{"Statement":{` + okStmt + `,"Principal":"*","NotPrincipal":"*"}}`, "both Principal and NotPrincipal"},
		{"Principal ARN string", `{"Statement":{` + okStmt + `,"Principal":"arn:aws:iam::1:root"}}`, `only "*" is allowed`},
		{"Principal unknown type", `{"Statement":{` + okStmt + `,"Principal":{"Federate":"x"}}}`, `unknown principal type "Federate"`},
		{"Principal empty map", `{"Statement":{` + okStmt + `,"Principal":{}}}`, "no principal type"},
		{"Principal number", `{"Statement":{` + okStmt + `,"Principal":{"AWS":1}}}`, "AWS: must be a string or a list of strings, got a number"},
		{"Action number", `{"Statement":{"Effect":"Allow","Action":1}}`, "Action: must be a string or a list of strings, got a number"},
		{"Action empty list", `{"Statement":{"Effect":"Allow","Action":[]}}`, "Action: empty list"},
		{"Action empty string", `{"Statement":{"Effect":"Allow","Action":""}}`, "Action: empty string value"},
		{"Action list item not string", `{"Statement":{"Effect":"Allow","Action":["a",true]}}`, "Action: item 2: must be a string, got a boolean"},
		{"Sid not string", `{"Statement":{"Sid":1,` + okStmt + `}}`, "Sid: must be a string"},
		{"unknown statement element", `{"Statement":{` + okStmt + `,"Conditions":{}}}`, `unknown statement element "Conditions"`},
		{"Condition not object", `{"Statement":{` + okStmt + `,"Condition":[]}}`, "Condition: must be an object, got a list"},
		{"operator value not object", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":"x"}}}`, `operator "StringLike": must be an object, got a string`},
		{"operator without keys", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{}}}}`, `operator "StringLike" has no condition keys`},
		{"condition value object", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":{"a":1}}}}}`, `key "k": value must be a string, number or boolean, got an object`},
		{"condition value null", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":null}}}}`, "got null"},
		{"condition value empty list", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":[]}}}}`, `key "k": empty list`},
		{"condition list item null", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":["a",null]}}}}`, "item 2: value must be a string, number or boolean, got null"},
		{"duplicate condition key", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":"a","k":"b"}}}}`, `"k" appears more than once`},
		{"duplicate operator", `{"Statement":{` + okStmt + `,"Condition":{"StringLike":{"k":"a"},"StringLike":{"j":"b"}}}}`, `"StringLike" appears more than once`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePolicy([]byte(tc.doc))
			if err == nil {
				t.Fatalf("ParsePolicy accepted %s: %+v", tc.doc, p)
			}
			if !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("error %q does not mention %q", err, tc.wantErr)
			}
		})
	}
}

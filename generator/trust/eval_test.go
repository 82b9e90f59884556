package trust

import (
	"strings"
	"testing"
)

const (
	providerARN = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
	webIdentity = "sts:AssumeRoleWithWebIdentity"
	subKey      = "token.actions.githubusercontent.com:sub"
	audKey      = "token.actions.githubusercontent.com:aud"
	mainSub     = "repo:ontopix/app:ref:refs/heads/main"
	prSub       = "repo:ontopix/app:pull_request"
)

func mustParse(t *testing.T, doc string) *Policy {
	t.Helper()
	p, err := ParsePolicy([]byte(doc))
	if err != nil {
		t.Fatalf("ParsePolicy(%s): %v", doc, err)
	}
	return p
}

// trustPolicy returns a one-statement GitHub trust policy with the given
// Condition element (JSON text).
func trustPolicy(t *testing.T, condition string) *Policy {
	t.Helper()
	return mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"GitHubOIDC","Effect":"Allow",
	  "Principal":{"Federated":"`+providerARN+`"},"Action":"`+webIdentity+`","Condition":`+condition+`}]}`)
}

// oidcRequest returns an AssumeRoleWithWebIdentity request from the GitHub
// provider with the given context.
func oidcRequest(ctx map[string][]string) Request {
	return Request{Action: webIdentity, Principal: map[string]string{PrincipalFederated: providerARN}, Context: ctx}
}

func sub(v ...string) map[string][]string { return map[string][]string{subKey: v} }

var absent = map[string][]string{"unrelated:key": {"x"}}

func TestConditionOperators(t *testing.T) {
	tests := []struct {
		name      string
		condition string
		ctx       map[string][]string
		want      bool
	}{
		// StringEquals: exact, case-sensitive, * and ? literal, absent key false.
		{"StringEquals exact", `{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), true},
		{"StringEquals other value", `{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(prSub), false},
		{"StringEquals case-sensitive value", `{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub("repo:Ontopix/app:ref:refs/heads/main"), false},
		{"StringEquals star is literal", `{"StringEquals":{"` + subKey + `":"repo:ontopix/*"}}`, sub(mainSub), false},
		{"StringEquals star equals star", `{"StringEquals":{"` + subKey + `":"repo:ontopix/*"}}`, sub("repo:ontopix/*"), true},
		{"StringEquals absent key", `{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, absent, false},
		{"StringEquals empty string present", `{"StringEquals":{"` + subKey + `":""}}`, sub(""), true},
		{"StringEquals empty string absent", `{"StringEquals":{"` + subKey + `":""}}`, absent, false},
		{"StringEqualsIfExists absent", `{"StringEqualsIfExists":{"` + subKey + `":"` + mainSub + `"}}`, absent, true},
		{"StringEqualsIfExists present mismatch", `{"StringEqualsIfExists":{"` + subKey + `":"` + mainSub + `"}}`, sub(prSub), false},
		{"StringEqualsIfExists present match", `{"StringEqualsIfExists":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), true},

		// StringNotEquals: negated, NOR over values, absent key true.
		{"StringNotEquals differs", `{"StringNotEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(prSub), true},
		{"StringNotEquals equal", `{"StringNotEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), false},
		{"StringNotEquals absent key", `{"StringNotEquals":{"` + subKey + `":"` + mainSub + `"}}`, absent, true},
		{"StringNotEquals list NOR hit", `{"StringNotEquals":{"` + subKey + `":["a","b"]}}`, sub("b"), false},
		{"StringNotEquals list NOR miss", `{"StringNotEquals":{"` + subKey + `":["a","b"]}}`, sub("c"), true},
		{"StringNotEqualsIfExists absent", `{"StringNotEqualsIfExists":{"` + subKey + `":"a"}}`, absent, true},
		{"StringNotEqualsIfExists present equal", `{"StringNotEqualsIfExists":{"` + subKey + `":"a"}}`, sub("a"), false},

		// IgnoreCase variants.
		{"StringEqualsIgnoreCase other case", `{"StringEqualsIgnoreCase":{"` + subKey + `":"REPO:ONTOPIX/APP:PULL_REQUEST"}}`, sub(prSub), true},
		{"StringEqualsIgnoreCase other value", `{"StringEqualsIgnoreCase":{"` + subKey + `":"repo:ontopix/app"}}`, sub(prSub), false},
		{"StringEqualsIgnoreCase absent", `{"StringEqualsIgnoreCase":{"` + subKey + `":"a"}}`, absent, false},
		{"StringEqualsIgnoreCaseIfExists absent", `{"StringEqualsIgnoreCaseIfExists":{"` + subKey + `":"a"}}`, absent, true},
		{"StringNotEqualsIgnoreCase other case", `{"StringNotEqualsIgnoreCase":{"` + subKey + `":"A"}}`, sub("a"), false},
		{"StringNotEqualsIgnoreCase other value", `{"StringNotEqualsIgnoreCase":{"` + subKey + `":"A"}}`, sub("b"), true},
		{"StringNotEqualsIgnoreCase absent", `{"StringNotEqualsIgnoreCase":{"` + subKey + `":"A"}}`, absent, true},

		// StringLike: case-sensitive glob.
		{"StringLike star crosses separators", `{"StringLike":{"` + subKey + `":"repo:ontopix/*"}}`, sub(mainSub), true},
		{"StringLike star empty run", `{"StringLike":{"` + subKey + `":"repo:ontopix/app:ref:refs/heads/main*"}}`, sub(mainSub), true},
		{"StringLike question one char", `{"StringLike":{"` + subKey + `":"repo:ontopix/app:ref:refs/heads/mai?"}}`, sub(mainSub), true},
		{"StringLike question not zero chars", `{"StringLike":{"` + subKey + `":"repo:ontopix/app:ref:refs/heads/main?"}}`, sub(mainSub), false},
		{"StringLike case-sensitive", `{"StringLike":{"` + subKey + `":"repo:Ontopix/*"}}`, sub(mainSub), false},
		{"StringLike no regex", `{"StringLike":{"` + subKey + `":"repo:ontopix/.*"}}`, sub(mainSub), false},
		{"StringLike tags only", `{"StringLike":{"` + subKey + `":"repo:ontopix/*:ref:refs/tags/v*"}}`, sub(mainSub), false},
		{"StringLike absent", `{"StringLike":{"` + subKey + `":"*"}}`, absent, false},
		{"StringLikeIfExists absent", `{"StringLikeIfExists":{"` + subKey + `":"repo:x/*"}}`, absent, true},
		{"StringLikeIfExists present mismatch", `{"StringLikeIfExists":{"` + subKey + `":"repo:x/*"}}`, sub(mainSub), false},
		{"StringNotLike match", `{"StringNotLike":{"` + subKey + `":"*:pull_request"}}`, sub(prSub), false},
		{"StringNotLike no match", `{"StringNotLike":{"` + subKey + `":"*:pull_request"}}`, sub(mainSub), true},
		{"StringNotLike absent key", `{"StringNotLike":{"` + subKey + `":"*:pull_request"}}`, absent, true},
		{"StringNotLike list NOR", `{"StringNotLike":{"` + subKey + `":["*:environment:*","*:pull_request"]}}`, sub(prSub), false},
		{"StringNotLikeIfExists absent", `{"StringNotLikeIfExists":{"` + subKey + `":"*"}}`, absent, true},
		{"StringNotLikeIfExists present match", `{"StringNotLikeIfExists":{"` + subKey + `":"*"}}`, sub("x"), false},

		// Bool, including a JSON boolean policy value.
		{"Bool true", `{"Bool":{"aws:SecureTransport":"true"}}`, map[string][]string{"aws:SecureTransport": {"true"}}, true},
		{"Bool JSON true", `{"Bool":{"aws:SecureTransport":true}}`, map[string][]string{"aws:SecureTransport": {"true"}}, true},
		{"Bool mismatch", `{"Bool":{"aws:SecureTransport":"true"}}`, map[string][]string{"aws:SecureTransport": {"false"}}, false},
		{"Bool absent", `{"Bool":{"aws:SecureTransport":"false"}}`, absent, false},
		{"BoolIfExists absent", `{"BoolIfExists":{"aws:SecureTransport":"false"}}`, absent, true},

		// Null: true means absent; empty values count as null.
		{"Null true absent", `{"Null":{"` + subKey + `":"true"}}`, absent, true},
		{"Null true present", `{"Null":{"` + subKey + `":"true"}}`, sub("x"), false},
		{"Null false present", `{"Null":{"` + subKey + `":"false"}}`, sub("x"), true},
		{"Null false absent", `{"Null":{"` + subKey + `":"false"}}`, absent, false},
		{"Null JSON false present", `{"Null":{"` + subKey + `":false}}`, sub("x"), true},
		{"Null false empty list", `{"Null":{"` + subKey + `":"false"}}`, sub(), false},
		{"Null true empty string", `{"Null":{"` + subKey + `":"true"}}`, sub(""), true},

		// ForAllValues: true when absent or empty.
		{"ForAllValues absent", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, absent, true},
		{"ForAllValues empty list", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {}}, true},
		{"ForAllValues empty string", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {""}}, true},
		{"ForAllValues subset", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {"b", "a"}}, true},
		{"ForAllValues one outside", `{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {"a", "c"}}, false},
		{"ForAllValues StringLike", `{"ForAllValues:StringLike":{"aws:TagKeys":"Created*"}}`, map[string][]string{"aws:TagKeys": {"CreatedBy", "CreatedAt"}}, true},
		// The IAM User Guide's ForAllValues:StringNotLike example (aws:TagKeys, "key1*").
		{"ForAllValues StringNotLike key1:legal", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, map[string][]string{"aws:TagKeys": {"key1:legal"}}, false},
		{"ForAllValues StringNotLike key1 pair", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, map[string][]string{"aws:TagKeys": {"key1:hr", "key1:personnel"}}, false},
		{"ForAllValues StringNotLike key2:audit", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, map[string][]string{"aws:TagKeys": {"key2:audit"}}, true},
		{"ForAllValues StringNotLike absent", `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, absent, true},
		// The fail-open trap: ForAllValues on a single-valued GitHub claim.
		{"ForAllValues on absent claim fails open", `{"ForAllValues:StringEquals":{"token.actions.githubusercontent.com:environment":"prod"}}`, sub(mainSub), true},

		// ForAnyValue: false when absent or empty.
		{"ForAnyValue absent", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, absent, false},
		{"ForAnyValue empty list", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {}}, false},
		{"ForAnyValue empty string", `{"ForAnyValue:StringEquals":{"aws:TagKeys":""}}`, map[string][]string{"aws:TagKeys": {""}}, false},
		{"ForAnyValue one inside", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {"c", "b"}}, true},
		{"ForAnyValue none inside", `{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}`, map[string][]string{"aws:TagKeys": {"c", "d"}}, false},
		{"ForAnyValue StringNotEquals some outside", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}`, map[string][]string{"aws:TagKeys": {"a", "z"}}, true},
		{"ForAnyValue StringNotEquals all inside", `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["a"]}}`, map[string][]string{"aws:TagKeys": {"a"}}, false},
		{"ForAnyValue IfExists absent", `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":"a"}}`, absent, true},

		// Plain operators against a multi-valued key.
		{"StringEquals multi-valued any", `{"StringEquals":{"aws:TagKeys":"a"}}`, map[string][]string{"aws:TagKeys": {"b", "a"}}, true},
		{"StringEquals multi-valued none", `{"StringEquals":{"aws:TagKeys":"a"}}`, map[string][]string{"aws:TagKeys": {"b", "c"}}, false},
		{"StringNotEquals multi-valued one equal", `{"StringNotEquals":{"aws:TagKeys":"a"}}`, map[string][]string{"aws:TagKeys": {"b", "a"}}, false},
		{"StringEquals empty list present", `{"StringEquals":{"aws:TagKeys":"a"}}`, map[string][]string{"aws:TagKeys": {}}, false},

		// OR of values, AND of keys, AND of operators.
		{"OR of values", `{"StringEquals":{"` + subKey + `":["repo:o/a:ref:refs/heads/main","` + prSub + `"]}}`, sub(prSub), true},
		{"OR one loose value widens", `{"StringLike":{"` + subKey + `":["` + mainSub + `","repo:ontopix/*"]}}`, sub("repo:ontopix/other:pull_request"), true},
		{"AND of keys both", `{"StringEquals":{"` + subKey + `":"` + mainSub + `","` + audKey + `":"sts.amazonaws.com"}}`,
			map[string][]string{subKey: {mainSub}, audKey: {"sts.amazonaws.com"}}, true},
		{"AND of keys one fails", `{"StringEquals":{"` + subKey + `":"` + mainSub + `","` + audKey + `":"sts.amazonaws.com"}}`,
			map[string][]string{subKey: {mainSub}, audKey: {"https://github.com/ontopix"}}, false},
		{"AND of keys one absent", `{"StringEquals":{"` + subKey + `":"` + mainSub + `","` + audKey + `":"sts.amazonaws.com"}}`,
			sub(mainSub), false},
		{"AND of operators on one key, main", `{"StringEquals":{"` + subKey + `":["` + mainSub + `"]},"StringLike":{"` + subKey + `":["repo:ontopix/*:pull_request"]}}`,
			sub(mainSub), false},
		{"AND of operators on one key, pull_request", `{"StringEquals":{"` + subKey + `":["` + mainSub + `"]},"StringLike":{"` + subKey + `":["repo:ontopix/*:pull_request"]}}`,
			sub(prSub), false},
		{"AND of operators on one key, both hold", `{"StringEquals":{"` + subKey + `":["` + mainSub + `"]},"StringLike":{"` + subKey + `":["repo:ontopix/*"]}}`,
			sub(mainSub), true},
		{"AND of operators, aud and sub", `{"StringEquals":{"` + audKey + `":"sts.amazonaws.com"},"StringLike":{"` + subKey + `":"repo:ontopix/*"}}`,
			map[string][]string{subKey: {mainSub}, audKey: {"sts.amazonaws.com"}}, true},

		// Key names are case-insensitive, on both sides.
		{"policy key other case", `{"StringEquals":{"Token.Actions.GitHubUserContent.com:SUB":"` + mainSub + `"}}`, sub(mainSub), true},
		{"request key other case", `{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, map[string][]string{"TOKEN.actions.githubusercontent.com:Sub": {mainSub}}, true},

		// ARN operators.
		{"ArnLike component wildcard", `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:123456789012:topic-*"}}`, map[string][]string{"aws:SourceArn": {"arn:aws:sns:eu-west-1:123456789012:topic-a"}}, true},
		{"ArnLike star stays in component", `{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`,
			map[string][]string{"aws:SourceArn": {"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"}}, false},
		{"StringLike crosses where ArnLike does not", `{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`,
			map[string][]string{"aws:SourceArn": {"arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"}}, true},
		{"ArnEquals same as ArnLike", `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:1:t"}}`, map[string][]string{"aws:SourceArn": {"arn:aws:sns:us-east-1:1:t"}}, true},
		{"ArnNotLike absent", `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:1:t"}}`, absent, true},
		{"ArnNotEquals match", `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:*:1:t"}}`, map[string][]string{"aws:SourceArn": {"arn:aws:sns:us-east-1:1:t"}}, false},
		{"ArnLikeIfExists absent", `{"ArnLikeIfExists":{"aws:SourceArn":"arn:aws:sns:*:1:t"}}`, absent, true},

		// Operators IAM would not accept, or this evaluator does not implement.
		{"miscased operator", `{"stringEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), false},
		{"unknown operator", `{"StringMatches":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), false},
		{"miscased qualifier", `{"forAnyValue:StringEquals":{"` + subKey + `":"` + mainSub + `"}}`, sub(mainSub), false},
		{"unsupported operator", `{"NumericEquals":{"k":"1"}}`, map[string][]string{"k": {"1"}}, false},
		{"NullIfExists", `{"NullIfExists":{"k":"true"}}`, absent, false},
		{"qualified Null", `{"ForAnyValue:Null":{"k":"true"}}`, absent, false},
		{"Null bad value", `{"Null":{"k":"yes"}}`, absent, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := trustPolicy(t, tc.condition).Evaluate(oidcRequest(tc.ctx))
			if d.Allowed != tc.want {
				t.Errorf("Allowed = %v, want %v\n%s", d.Allowed, tc.want, d)
			}
		})
	}
}

func TestUnknownOperatorIsReported(t *testing.T) {
	d := trustPolicy(t, `{"stringEquals":{"`+subKey+`":"`+mainSub+`"},"StringLike":{"`+subKey+`":"*"}}`).Evaluate(oidcRequest(sub(mainSub)))
	if d.Allowed {
		t.Fatal("a statement with an unknown operator must not apply")
	}
	var bad *ConditionResult
	for i, c := range d.Statements[0].Conditions {
		if c.Operator == "stringEquals" {
			bad = &d.Statements[0].Conditions[i]
		}
	}
	if bad == nil || bad.Matched || !strings.Contains(bad.Error, `unknown condition operator "stringEquals"`) {
		t.Fatalf("unknown operator not reported: %+v", d.Statements[0].Conditions)
	}
	if !strings.Contains(d.String(), `not evaluated: unknown condition operator "stringEquals"`) {
		t.Errorf("String() does not report the operator:\n%s", d)
	}
}

func TestStatementLogic(t *testing.T) {
	const principal = `"Principal":{"Federated":"` + providerARN + `"}`
	const action = `"Action":"` + webIdentity + `"`
	tests := []struct {
		name   string
		doc    string
		req    Request
		want   bool
		denied bool // explicit deny expected
	}{
		{"allow applies",
			`{"Statement":{"Effect":"Allow",` + principal + `,` + action + `}}`,
			oidcRequest(nil), true, false},
		{"no statement applies: default deny",
			`{"Statement":{"Effect":"Allow",` + principal + `,"Action":"sts:AssumeRole"}}`,
			oidcRequest(nil), false, false},
		{"explicit deny wins",
			`{"Statement":[{"Effect":"Allow",` + principal + `,` + action + `},
			  {"Effect":"Deny",` + principal + `,` + action + `,"Condition":{"StringLike":{"` + subKey + `":"*:pull_request"}}}]}`,
			oidcRequest(sub(prSub)), false, true},
		{"deny that does not apply leaves allow",
			`{"Statement":[{"Effect":"Allow",` + principal + `,` + action + `},
			  {"Effect":"Deny",` + principal + `,` + action + `,"Condition":{"StringLike":{"` + subKey + `":"*:pull_request"}}}]}`,
			oidcRequest(sub(mainSub)), true, false},
		{"deny alone does not allow",
			`{"Statement":{"Effect":"Deny",` + principal + `,"Action":"iam:*"}}`,
			oidcRequest(nil), false, false},
		{"second statement allows",
			`{"Statement":[{"Effect":"Allow",` + principal + `,` + action + `,"Condition":{"StringEquals":{"` + subKey + `":"x"}}},
			  {"Effect":"Allow",` + principal + `,` + action + `,"Condition":{"StringEquals":{"` + subKey + `":"` + mainSub + `"}}}]}`,
			oidcRequest(sub(mainSub)), true, false},
		{"action glob, case-insensitive",
			`{"Statement":{"Effect":"Allow",` + principal + `,"Action":["iam:PassRole","STS:assumerole*"]}}`,
			oidcRequest(nil), true, false},
		{"action without wildcard is exact",
			`{"Statement":{"Effect":"Allow",` + principal + `,"Action":"sts:AssumeRole"}}`,
			oidcRequest(nil), false, false},
		{"NotAction excludes",
			`{"Statement":{"Effect":"Allow",` + principal + `,"NotAction":"sts:*"}}`,
			oidcRequest(nil), false, false},
		{"NotAction admits others",
			`{"Statement":{"Effect":"Allow",` + principal + `,"NotAction":["iam:*","s3:*"]}}`,
			oidcRequest(nil), true, false},
		{"other provider",
			`{"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::999999999999:oidc-provider/x"},` + action + `}}`,
			oidcRequest(nil), false, false},
		{"other principal type",
			`{"Statement":{"Effect":"Allow","Principal":{"AWS":"` + providerARN + `"},` + action + `}}`,
			oidcRequest(nil), false, false},
		{"Principal star",
			`{"Statement":{"Effect":"Allow","Principal":"*",` + action + `}}`,
			oidcRequest(nil), true, false},
		{"Principal type star",
			`{"Statement":{"Effect":"Allow","Principal":{"Federated":"*"},` + action + `}}`,
			oidcRequest(nil), true, false},
		{"Principal list",
			`{"Statement":{"Effect":"Allow","Principal":{"Federated":["arn:x","` + providerARN + `"]},` + action + `}}`,
			oidcRequest(nil), true, false},
		{"Principal is not a glob",
			`{"Statement":{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::123456789012:oidc-provider/*"},` + action + `}}`,
			oidcRequest(nil), false, false},
		{"request without principal",
			`{"Statement":{"Effect":"Allow",` + principal + `,` + action + `}}`,
			Request{Action: webIdentity}, false, false},
		{"Terraform placeholder principal",
			`{"Statement":{"Effect":"Allow","Principal":{"Federated":"${local.github_oidc_provider_arn}"},` + action + `}}`,
			Request{Action: webIdentity, Principal: map[string]string{"Federated": "${local.github_oidc_provider_arn}"}}, true, false},
		{"NotPrincipal deny spares listed principal",
			`{"Statement":[{"Effect":"Allow","Principal":"*",` + action + `},
			  {"Effect":"Deny","NotPrincipal":{"Federated":"` + providerARN + `"},` + action + `}]}`,
			oidcRequest(nil), true, false},
		{"NotPrincipal deny hits others",
			`{"Statement":[{"Effect":"Allow","Principal":"*",` + action + `},
			  {"Effect":"Deny","NotPrincipal":{"Federated":"` + providerARN + `"},` + action + `}]}`,
			Request{Action: webIdentity, Principal: map[string]string{"Federated": "arn:aws:iam::1:oidc-provider/evil"}}, false, true},
		{"identity policy Resource glob",
			`{"Statement":{"Effect":"Allow","Action":"codeartifact:ReadFromRepository","Resource":"arn:aws:codeartifact:*:123456789012:repository/d/*"}}`,
			Request{Action: "codeartifact:ReadFromRepository", Resource: "arn:aws:codeartifact:eu-west-1:123456789012:repository/d/npm"}, true, false},
		{"identity policy Resource mismatch",
			`{"Statement":{"Effect":"Allow","Action":"codeartifact:*","Resource":"arn:aws:codeartifact:*:123456789012:repository/d/*"}}`,
			Request{Action: "codeartifact:ReadFromRepository", Resource: "arn:aws:codeartifact:eu-west-1:123456789012:repository/e/npm"}, false, false},
		{"NotResource",
			`{"Statement":{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}}`,
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::secret/key"}, false, false},
		{"NotResource admits others",
			`{"Statement":{"Effect":"Allow","Action":"*","NotResource":"arn:aws:s3:::secret/*"}}`,
			Request{Action: "s3:GetObject", Resource: "arn:aws:s3:::public/key"}, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := mustParse(t, tc.doc).Evaluate(tc.req)
			if d.Allowed != tc.want || d.ExplicitDeny != tc.denied {
				t.Errorf("Allowed/ExplicitDeny = %v/%v, want %v/%v\n%s", d.Allowed, d.ExplicitDeny, tc.want, tc.denied, d)
			}
		})
	}
}

func TestDecisionExplains(t *testing.T) {
	p := mustParse(t, `{"Version":"2012-10-17","Statement":[{"Sid":"Release","Effect":"Allow",
	  "Principal":{"Federated":"`+providerARN+`"},"Action":"`+webIdentity+`",
	  "Condition":{"StringLike":{"`+subKey+`":"repo:ontopix/*:ref:refs/tags/v*"},"StringEquals":{"`+audKey+`":"sts.amazonaws.com"}}}]}`)
	ctx := map[string][]string{subKey: {mainSub}, audKey: {"sts.amazonaws.com"}}
	d := p.Evaluate(oidcRequest(ctx))

	wantSummary := "denied: StringLike token.actions.githubusercontent.com:sub [repo:ontopix/*:ref:refs/tags/v*] did not match repo:ontopix/app:ref:refs/heads/main"
	if got := d.Summary(); got != wantSummary {
		t.Errorf("Summary() =\n  %s\nwant\n  %s", got, wantSummary)
	}
	if len(d.Statements) != 1 {
		t.Fatalf("got %d statement results", len(d.Statements))
	}
	r := d.Statements[0]
	if r.Sid != "Release" || r.Effect != EffectAllow || r.Applied || !r.PrincipalMatched || !r.ActionMatched || !r.ResourceMatched {
		t.Errorf("statement result = %+v", r)
	}
	// Conditions come sorted by operator: StringEquals before StringLike.
	if len(r.Conditions) != 2 || r.Conditions[0].Operator != "StringEquals" || r.Conditions[1].Operator != "StringLike" {
		t.Fatalf("conditions = %+v", r.Conditions)
	}
	aud, like := r.Conditions[0], r.Conditions[1]
	if !aud.Matched || like.Matched || !like.KeyPresent || like.RequestValues[0] != mainSub || like.PolicyValues[0] != "repo:ontopix/*:ref:refs/tags/v*" {
		t.Errorf("condition results = %+v", r.Conditions)
	}
	wantString := wantSummary + `
  statement #1 "Release" (Allow): did not apply
    Principal Federated:[` + providerARN + `] matched Federated:` + providerARN + `
    Action [sts:AssumeRoleWithWebIdentity] matched sts:AssumeRoleWithWebIdentity
    StringEquals token.actions.githubusercontent.com:aud [sts.amazonaws.com] matched sts.amazonaws.com
    StringLike token.actions.githubusercontent.com:sub [repo:ontopix/*:ref:refs/tags/v*] did not match repo:ontopix/app:ref:refs/heads/main`
	if got := d.String(); got != wantString {
		t.Errorf("String() =\n%s\nwant\n%s", got, wantString)
	}

	// Allowed: names the statement.
	d = p.Evaluate(oidcRequest(map[string][]string{subKey: {"repo:ontopix/app:ref:refs/tags/v1.2.0"}, audKey: {"sts.amazonaws.com"}}))
	if got, want := d.Summary(), `allowed: by statement #1 "Release" (Allow): StringEquals token.actions.githubusercontent.com:aud [sts.amazonaws.com] matched sts.amazonaws.com; StringLike token.actions.githubusercontent.com:sub [repo:ontopix/*:ref:refs/tags/v*] matched repo:ontopix/app:ref:refs/tags/v1.2.0`; !d.Allowed || got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}

	// Absent key is spelled out.
	d = p.Evaluate(oidcRequest(map[string][]string{subKey: {mainSub}}))
	if want := "StringEquals token.actions.githubusercontent.com:aud [sts.amazonaws.com] did not match (key absent from request)"; !strings.Contains(d.Summary(), want) {
		t.Errorf("Summary() = %q, want it to contain %q", d.Summary(), want)
	}
}

func TestDecisionSummaryDenials(t *testing.T) {
	p := mustParse(t, `{"Statement":[{"Sid":"Allow","Effect":"Allow","Principal":"*","Action":"*"},
	  {"Sid":"NoPR","Effect":"Deny","Principal":"*","Action":"*","Condition":{"StringLike":{"`+subKey+`":"*:pull_request"}}}]}`)
	d := p.Evaluate(oidcRequest(sub(prSub)))
	if got, want := d.Summary(), `denied: explicit deny by statement #2 "NoPR" (Deny)`; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}

	p = mustParse(t, `{"Statement":{"Effect":"Allow","Principal":{"Federated":"`+providerARN+`"},"Action":"sts:AssumeRole"}}`)
	d = p.Evaluate(oidcRequest(nil))
	if got, want := d.Summary(), "denied: Action [sts:AssumeRole] did not match sts:AssumeRoleWithWebIdentity"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}

	p = mustParse(t, `{"Statement":{"Effect":"Deny","Principal":"*","Action":"iam:*"}}`)
	d = p.Evaluate(oidcRequest(nil))
	if got, want := d.Summary(), "denied: no Allow statement in the policy"; got != want {
		t.Errorf("Summary() = %q, want %q", got, want)
	}
}

func TestEvaluateIsDeterministic(t *testing.T) {
	p := trustPolicy(t, `{"StringLike":{"b:key":"*","a:key":"*"},"StringEquals":{"c:key":"x","A:key":"y"}}`)
	ctx := map[string][]string{"a:key": {"y"}, "b:key": {"z"}, "c:key": {"x"}}
	first := p.Evaluate(oidcRequest(ctx)).String()
	for i := 0; i < 20; i++ {
		if got := p.Evaluate(oidcRequest(ctx)).String(); got != first {
			t.Fatalf("run %d differs:\n%s\nvs\n%s", i, got, first)
		}
	}
	var order []string
	for _, c := range p.Statements[0].Conditions {
		order = append(order, c.Operator+" "+c.Key)
	}
	want := "StringEquals A:key,StringEquals c:key,StringLike a:key,StringLike b:key"
	if got := strings.Join(order, ","); got != want {
		t.Errorf("condition order = %s, want %s", got, want)
	}
}

package simulate

import (
	"strings"
)

// subjectParts is a GitHub Actions sub claim taken apart along a subject template.
type subjectParts struct {
	// Owner and Repo are the names in the repo claim; OwnerID and RepoID the numeric IDs
	// of an immutable subject (repo:OWNER@ID/REPO@ID:...), "" in the name-only form.
	Owner, OwnerID, Repo, RepoID string
	// Kind is the context: "branch", "tag", "ref" (another ref), "environment",
	// "pull_request", or "" when the template has no context.
	Kind string
	// Value is the branch or tag name, the whole ref for "ref", or the environment's name
	// (with "%3A" decoded to ":").
	Value string
	// Claims are the other claims of a custom template, decoded.
	Claims map[string]string
}

// immutable reports whether the subject carries the owner's and repository's IDs.
func (s subjectParts) immutable() bool { return s.OwnerID != "" }

// parseSubject takes sub apart along template (oidc.DefaultTemplate when nil), the way
// oidc.Subjects builds it: each claim as "claim:value" with ":" in values sent as "%3A",
// except the repo claim (repo:OWNER[@ID]/REPO[@ID]) and the context (ref:REF,
// environment:NAME or pull_request). It reports false when sub does not have that shape.
func parseSubject(template []string, sub string) (subjectParts, bool) {
	if len(template) == 0 {
		template = []string{"repo", "context"}
	}
	var s subjectParts
	rest := sub
	for i, claim := range template {
		if i > 0 {
			var ok bool
			if rest, ok = strings.CutPrefix(rest, ":"); !ok {
				return subjectParts{}, false
			}
		}
		var ok bool
		switch claim {
		case "repo":
			var v string
			if v, rest, ok = value(rest, "repo:"); !ok || !s.repo(v) {
				return subjectParts{}, false
			}
		case "context":
			if rest, ok = s.context(rest); !ok {
				return subjectParts{}, false
			}
		default:
			var v string
			if v, rest, ok = value(rest, claim+":"); !ok {
				return subjectParts{}, false
			}
			if s.Claims == nil {
				s.Claims = map[string]string{}
			}
			s.Claims[claim] = strings.ReplaceAll(v, "%3A", ":")
		}
	}
	return s, rest == ""
}

// value cuts prefix from s and returns what follows up to the next ":", and the rest.
func value(s, prefix string) (v, rest string, ok bool) {
	if s, ok = strings.CutPrefix(s, prefix); !ok {
		return "", "", false
	}
	if i := strings.IndexByte(s, ':'); i >= 0 {
		return s[:i], s[i:], true
	}
	return s, "", true
}

// repo parses OWNER[@ID]/REPO[@ID].
func (s *subjectParts) repo(v string) bool {
	owner, repo, ok := strings.Cut(v, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return false
	}
	s.Owner, s.OwnerID, _ = strings.Cut(owner, "@")
	s.Repo, s.RepoID, _ = strings.Cut(repo, "@")
	return s.Owner != "" && s.Repo != "" && (s.OwnerID == "") == (s.RepoID == "")
}

// context parses the context at the start of rest and returns what follows it.
func (s *subjectParts) context(rest string) (string, bool) {
	if r, ok := strings.CutPrefix(rest, "pull_request"); ok && (r == "" || r[0] == ':') {
		s.Kind = "pull_request"
		return r, true
	}
	if v, r, ok := value(rest, "environment:"); ok && v != "" {
		s.Kind, s.Value = "environment", strings.ReplaceAll(v, "%3A", ":")
		return r, true
	}
	if v, r, ok := value(rest, "ref:"); ok && v != "" {
		switch {
		case strings.HasPrefix(v, "refs/heads/"):
			s.Kind, s.Value = "branch", strings.TrimPrefix(v, "refs/heads/")
		case strings.HasPrefix(v, "refs/tags/"):
			s.Kind, s.Value = "tag", strings.TrimPrefix(v, "refs/tags/")
		default:
			s.Kind, s.Value = "ref", v
		}
		return r, true
	}
	return rest, false
}

// derivedClaims returns the claims GitHub builds the subject from, as far as the subject
// shows them: repository (OWNER/REPO), repository_owner, and with an immutable subject
// repository_owner_id and repository_id; ref for a ref context; environment for an
// environment context; and the custom template's claims. GitHub's OIDC reference builds
// the sub claim from these same claims, so each is the value the token carries.
func (s subjectParts) derivedClaims() map[string]string {
	c := map[string]string{"repository": s.Owner + "/" + s.Repo, "repository_owner": s.Owner}
	if s.immutable() {
		c["repository_owner_id"], c["repository_id"] = s.OwnerID, s.RepoID
	}
	switch s.Kind {
	case "branch":
		c["ref"] = "refs/heads/" + s.Value
	case "tag":
		c["ref"] = "refs/tags/" + s.Value
	case "ref":
		c["ref"] = s.Value
	case "environment":
		c["environment"] = s.Value
	}
	for k, v := range s.Claims {
		c[k] = v
	}
	return c
}

package kit

// action is a GitHub Action pinned to a full commit SHA, with the release it is for.
type action struct {
	Name    string // owner/repo
	SHA     string
	Version string
}

// String returns the uses: value with its version comment, for example
// "actions/checkout@de0f... # v6.0.2".
func (a action) String() string { return a.Name + "@" + a.SHA + " # " + a.Version }

// actions are the pinned actions of the rendered workflows. Commits are immutable where
// tags are not; the version comment lets Dependabot and Renovate keep them current. Each
// SHA was checked against several independent public workflows that pin the same release.
var actions = struct {
	Checkout, SetupNode, SetupPython, SetupGo, ConfigureAWSCredentials action
}{
	Checkout:                action{"actions/checkout", "de0fac2e4500dabe0009e67214ff5f5447ce83dd", "v6.0.2"},
	SetupNode:               action{"actions/setup-node", "6044e13b5dc448c55e2357c09f80417699197238", "v6.2.0"},
	SetupPython:             action{"actions/setup-python", "a309ff8b426b58ec0e2a45f0f869d46889d02405", "v6.2.0"},
	SetupGo:                 action{"actions/setup-go", "7a3fe6cf4cb3a834922a1244abfce67bcef6a0c5", "v6.2.0"},
	ConfigureAWSCredentials: action{"aws-actions/configure-aws-credentials", "8df5847569e6427dd6c4fb1cf565c83acfa8afa7", "v6.0.0"},
}

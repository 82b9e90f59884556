package kit

// action is a GitHub Action pinned to a full commit SHA, with the release it is for.
type action struct {
	Name    string // owner/repo, or owner/repo/path for an action in a subdirectory
	SHA     string
	Version string
}

// String returns the uses: value with its version comment, for example
// "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1".
func (a action) String() string { return a.Name + "@" + a.SHA + " # " + a.Version }

// actions are the pinned actions of the rendered workflows. Commits are immutable where
// tags are not; the version comment lets Dependabot and Renovate keep them current. Every
// commit is the one testdata/thirdparty/actions/action-pins.md (a copy of
// ../shared/facts/action-pins.md) gives for that release; TestPinsMatchTable fails on any
// other.
var actions = struct {
	Checkout, SetupNode, SetupPython, SetupGo, SetupJava, SetupDotnet, SetupUV, SetupGradle,
	SetupPnpm, UploadArtifact, DownloadArtifact, ConfigureAWSCredentials action
}{
	Checkout:                action{"actions/checkout", "3d3c42e5aac5ba805825da76410c181273ba90b1", "v7.0.1"},
	SetupNode:               action{"actions/setup-node", "820762786026740c76f36085b0efc47a31fe5020", "v7.0.0"},
	SetupPython:             action{"actions/setup-python", "5fda3b95a4ea91299a34e894583c3862153e4b97", "v7.0.0"},
	SetupGo:                 action{"actions/setup-go", "b7ad1dad31e06c5925ef5d2fc7ad053ef454303e", "v7.0.0"},
	SetupJava:               action{"actions/setup-java", "b6effb05e454b25005698d916606bdc6ffcbf961", "v5.7.0"},
	SetupDotnet:             action{"actions/setup-dotnet", "a98b56852c35b8e3190ac28c8c2271da59106c68", "v6.0.0"},
	SetupUV:                 action{"astral-sh/setup-uv", "20cfd1bf945f4377ade1205e4dbc17946fc9a30d", "v10.0.1"},
	SetupGradle:             action{"gradle/actions/setup-gradle", "9c971963bec38e04b3d30dcc455b5382be2fdbfb", "v6.3.0"},
	SetupPnpm:               action{"pnpm/action-setup", "fe02b34f77f8bc703788d5817da081398fad5dd2", "v4.0.0"},
	UploadArtifact:          action{"actions/upload-artifact", "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", "v7.0.0"},
	DownloadArtifact:        action{"actions/download-artifact", "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", "v8.0.1"},
	ConfigureAWSCredentials: action{"aws-actions/configure-aws-credentials", "e6de054238d6b7531b4efff3b6587d9aade6a06c", "v6.2.3"},
}

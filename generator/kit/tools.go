package kit

import (
	"slices"
	"sync"
)

// The package tools a kit can be rendered for (Request.Tool).
const (
	NPM    = "npm"    // installs and publishes npm packages
	PNPM   = "pnpm"   // installs and publishes npm packages
	Yarn   = "yarn"   // Yarn 2 or later (Berry), which reads .yarnrc.yml
	Pip    = "pip"    // installs Python packages; it cannot publish
	UV     = "uv"     // installs, builds and publishes Python packages
	Poetry = "poetry" // installs, builds and publishes Python packages
	Twine  = "twine"  // publishes Python packages (pip installs them)
	Maven  = "maven"  // mvn: installs and deploys Maven artifacts
	Gradle = "gradle" // installs and publishes Maven artifacts
	NuGet  = "nuget"  // dotnet restore / dotnet nuget push
	Cargo  = "cargo"  // installs and publishes crates
)

// Tools returns the values Request.Tool accepts, in the order of toolTable.
func Tools() []string {
	names := make([]string, len(toolTable()))
	for i, t := range toolTable() {
		names[i] = t.Name
	}
	return names
}

// registryName is the name the kit gives the CodeArtifact repository wherever a tool names
// its registries: the uv index, the Poetry source, the Cargo registry and the NuGet source.
// The environment variables that carry the token derive from it.
const registryName = "codeartifact"

// sessionSeconds is the lifetime of every role session the workflows ask for
// (role-duration-seconds) and of the CodeArtifact tokens the laptop tasks create
// (--duration-seconds). A token's lifetime is its own ("the token lifetime is independent
// of the maximum session duration of the role", CodeArtifact API reference,
// GetAuthorizationToken), except that --duration-seconds 0 ties it to the credentials that
// asked for it ("A value of 0 will set the expiration of the authorization token to the
// same expiration of the user's role's temporary credentials", same reference,
// durationSeconds). So the workflows, which always hold a role session, ask for 0
// (sessionTokenSeconds) and their token expires with the session; the laptop tasks may run
// with an IAM user's long-term keys, for which 0 is not documented, and ask for 3600. 3600
// is the smallest maximum session duration IAM allows a role, so every role accepts it.
const sessionSeconds = 3600

// sessionTokenSeconds is the --duration-seconds of the tokens the workflows create: 0, the
// token expires with the role session that asked for it (see sessionSeconds).
const sessionTokenSeconds = 0

// toolDef says how one package tool works with a CodeArtifact repository. Every command is
// a bash script that runs in the application repository's root with CODEARTIFACT_URL (the
// repository endpoint, ending in "/") and, after the login, CODEARTIFACT_AUTH_TOKEN and the
// variables of Env set; none of them writes anything outside the repository and
// $RUNNER_TEMP.
type toolDef struct {
	Name   string
	Format string // the CodeArtifact repository format the tool uses
	Title  string // how the tool is named in prose
	// Guide is the CodeArtifact User Guide page the method follows; Docs are the tool's
	// own pages for the settings and variables used.
	Guide string
	Docs  []string
	// Requires are the commands a laptop task checks for before it runs.
	Requires []string
	// Setup are the steps that put the tool on a runner, after the checkout.
	Setup []step
	// Env are the variables that give the tool the repository and its token, in order.
	Env []envVar
	// Install installs the project's dependencies (the CI job and deps:install).
	Install string
	// Configs are the project-level configuration files of the tool.
	Configs []configDef
	// Release says how the release workflow builds and publishes; nil for a tool that
	// cannot publish.
	Release *releaseDef
	// NeedsOwner is true when a configuration file of the tool cannot read the domain
	// owner's account from the environment, so the kit needs it (spec or --domain-owner).
	NeedsOwner bool
}

// releaseDef is how a tool's release workflow gets from the source to a published package:
// the dependencies job (read-only role) downloads what the build needs without running
// any package's code where the tool allows it; the build job (no id-token, no AWS
// credentials) builds offline from that download; the publish job (the publishing role)
// runs only the publishing client on the built files.
type releaseDef struct {
	FetchEnv []envVar
	Fetch    string
	// FetchRunsCode explains why Fetch runs the project's build scripts or a plugin's code
	// (with the read-only role's token), or is "".
	FetchRunsCode string
	// DepsPath is what the dependencies job hands to the build job.
	DepsPath string
	Build    string
	// PublishSetup are the steps that install the publishing client in the publish job.
	PublishSetup []step
	// PublishCheckout is true when the publishing client needs the source (cargo).
	PublishCheckout bool
	PublishEnv      []envVar
	Publish         string
	// PublishNote explains in the workflow what the publish job runs and why.
	PublishNote string
	// TaskPublish publishes from a laptop (release:publish); TaskEnv adds to Env there.
	TaskPublish string
	TaskEnv     []envVar
}

// step is a workflow step that uses an action or runs a command.
type step struct {
	Name string
	Uses action
	With [][2]string
	Run  string
}

// envVar is an environment variable and the bash expression of its value.
type envVar struct{ Name, Value string }

// configDef is a project-level configuration file of a tool.
type configDef struct {
	Path     string
	Template string
	// Block is true when the file is usually written by hand (pyproject.toml,
	// .cargo/config.toml): the kit renders a marked block to merge into it rather than the
	// whole file.
	Block bool
}

// The paths the kit's release jobs hand over, under $RUNNER_TEMP.
const (
	depsDir = "deps"
	distDir = "dist"
)

var (
	setupNode = step{Uses: actions.SetupNode, With: [][2]string{{"node-version", "lts/*"}}}
	setupPy   = step{Uses: actions.SetupPython, With: [][2]string{{"python-version", "3.x"}}}
	setupJava = step{Uses: actions.SetupJava, With: [][2]string{{"distribution", "temurin"}, {"java-version", "21"}}}
	setupNet  = step{Uses: actions.SetupDotnet, With: [][2]string{{"dotnet-version", "10.0.x"}}}
	// setupGradle asks for setup-gradle's basic cache provider: v6's default ("enhanced") is
	// the proprietary gradle-actions-caching library, a free preview for private repositories
	// (gradle/actions docs/setup-gradle.md at v6.3.0); basic is its MIT wrapper over
	// actions/cache.
	setupGradle = step{Uses: actions.SetupGradle, With: [][2]string{{"cache-provider", "basic"}}}
	// setupUV pins uv itself (the newest release in the npm-free package lists of
	// 2026-11: 0.13.8); setup-uv installs exactly that release.
	setupUV = step{Uses: actions.SetupUV, With: [][2]string{{"version", "0.13.8"}, {"enable-cache", "false"}}}

	tokenEnv = envVar{"CODEARTIFACT_AUTH_TOKEN", "$token"}

	pipEnv    = []envVar{{"PIP_INDEX_URL", "https://aws:${token}@${CODEARTIFACT_URL#https://}simple/"}}
	uvPublish = []envVar{{"UV_PUBLISH_URL", "$CODEARTIFACT_URL"}, {"UV_PUBLISH_USERNAME", "aws"}, {"UV_PUBLISH_PASSWORD", "$token"}}

	// npmPublish publishes the tarballs of the build job with npm alone: no checkout, no
	// project .npmrc, lifecycle scripts off; the token goes into a user configuration under
	// $RUNNER_TEMP that names only this registry.
	// The single quotes are meant: the file holds the reference ${CODEARTIFACT_AUTH_TOKEN},
	// which npm expands from the environment, never the token (hence the shellcheck directive).
	npmPublish = `# shellcheck disable=SC2016 # the file names the variable; npm reads the token from the environment
printf '%s:_authToken=${CODEARTIFACT_AUTH_TOKEN}\n' "${CODEARTIFACT_URL#https:}" > "$RUNNER_TEMP/publish.npmrc"
for tarball in "$RUNNER_TEMP"/` + distDir + `/*.tgz; do
  npm publish "$tarball" --ignore-scripts --registry "$CODEARTIFACT_URL" --userconfig "$RUNNER_TEMP/publish.npmrc"
done`
	npmPublishNote = "npm publishes the tarball the build job packed, with lifecycle scripts off (--ignore-scripts); nothing of the project is checked out or installed here."

	// pythonBuildRequires downloads the build frontend and the project's build backend
	// (pyproject.toml's build-system.requires) as wheels only: --only-binary keeps pip from
	// running any package's setup code to read its metadata.
	pythonBuildRequires = `python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))' > "$RUNNER_TEMP/build-requires.txt"
python -m pip download --only-binary=:all: --dest "$RUNNER_TEMP/` + depsDir + `" build -r "$RUNNER_TEMP/build-requires.txt"`
	pythonBuild = `python -m pip install --no-index --find-links "$RUNNER_TEMP/` + depsDir + `" build
PIP_NO_INDEX=1 PIP_FIND_LINKS="$RUNNER_TEMP/` + depsDir + `" python -m build --outdir "$RUNNER_TEMP/` + distDir + `"`
	pythonRelease = releaseDef{
		FetchEnv:     pipEnv,
		Fetch:        pythonBuildRequires,
		DepsPath:     depsDir,
		Build:        pythonBuild,
		PublishSetup: []step{setupUV},
		PublishEnv:   uvPublish,
		Publish:      `uv publish "$RUNNER_TEMP"/` + distDir + `/*`,
		PublishNote:  "uv (one static binary, the release setup-uv pins) uploads the distributions the build job built; nothing of the project is checked out or installed here.",
	}

	// mavenUpload uploads a Maven repository layout with curl, the metadata last: CodeArtifact
	// marks a version Published when its maven-metadata.xml arrives (User Guide, "Publish
	// with curl").
	mavenUpload = `cd "$RUNNER_TEMP/` + distDir + `"
upload() {
  curl --fail --silent --show-error --request PUT --user "aws:$CODEARTIFACT_AUTH_TOKEN" \
    --header "Content-Type: application/octet-stream" --data-binary "@$1" "$CODEARTIFACT_URL${1#./}"
}
find . -type f ! -name 'maven-metadata.xml*' | sort | while read -r f; do upload "$f"; done
find . -type f -name maven-metadata.xml | sort | while read -r f; do upload "$f"; done`
	mavenUploadNote = "curl uploads the repository layout the build job staged (the metadata last, which publishes the version); neither Maven nor Gradle nor the project runs here."

	mavenSettings = ".mvn/codeartifact-settings.xml"
	gradleInit    = "gradle/codeartifact.init.gradle"
)

// toolTable returns every tool, in the order of Tools; it is built on first use, since only
// the kit command needs it. Adding a tool is adding an entry here
// (and its configuration templates).
var toolTable = sync.OnceValue(func() []*toolDef {
	return []*toolDef{
		{
			Name: NPM, Format: "npm", Title: "npm",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/npm-auth.html",
			Docs:     []string{"https://docs.npmjs.com/cli/configuring-npm/npmrc"},
			Requires: []string{"npm"},
			Setup:    []step{setupNode},
			Install:  "npm ci",
			Configs:  []configDef{{Path: ".npmrc", Template: "npmrc.tmpl", Block: true}},
			Release: &releaseDef{
				Fetch:        `npm ci --ignore-scripts --cache "$RUNNER_TEMP/` + depsDir + `"`,
				DepsPath:     depsDir,
				Build:        `npm ci --offline --cache "$RUNNER_TEMP/` + depsDir + `"` + "\n" + `npm pack --pack-destination "$RUNNER_TEMP/` + distDir + `"`,
				PublishSetup: []step{setupNode},
				Publish:      npmPublish,
				PublishNote:  npmPublishNote,
				TaskPublish:  "npm publish",
			},
		},
		{
			Name: PNPM, Format: "npm", Title: "pnpm",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/npm-other-clients.html",
			Docs:     []string{"https://pnpm.io/npmrc", "https://pnpm.io/cli/fetch"},
			Requires: []string{"pnpm"},
			Setup:    []step{{Name: "Install pnpm (the release package.json's packageManager field names)", Uses: actions.SetupPnpm}, setupNode},
			Install:  "pnpm install --frozen-lockfile",
			Configs:  []configDef{{Path: ".npmrc", Template: "npmrc.tmpl", Block: true}},
			Release: &releaseDef{
				Fetch:        `pnpm fetch --store-dir "$RUNNER_TEMP/` + depsDir + `"`,
				DepsPath:     depsDir,
				Build:        `pnpm install --offline --frozen-lockfile --store-dir "$RUNNER_TEMP/` + depsDir + `"` + "\n" + `pnpm pack --pack-destination "$RUNNER_TEMP/` + distDir + `"`,
				PublishSetup: []step{setupNode},
				Publish:      npmPublish,
				PublishNote:  npmPublishNote,
				TaskPublish:  "pnpm publish",
			},
		},
		{
			Name: Yarn, Format: "npm", Title: "Yarn (2 or later)",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/npm-yarn.html",
			Docs:     []string{"https://yarnpkg.com/configuration/yarnrc"},
			Requires: []string{"yarn"},
			Setup:    []step{setupNode, {Name: "Enable Corepack (the Yarn release package.json's packageManager names)", Run: "corepack enable"}},
			Install:  "yarn install --immutable",
			Configs:  []configDef{{Path: ".yarnrc.yml", Template: "yarnrc.yml.tmpl", Block: true}},
			Release: &releaseDef{
				Fetch:        `YARN_ENABLE_GLOBAL_CACHE=false YARN_CACHE_FOLDER="$RUNNER_TEMP/` + depsDir + `" yarn install --immutable --mode=skip-build`,
				DepsPath:     depsDir,
				Build:        `export YARN_ENABLE_GLOBAL_CACHE=false YARN_CACHE_FOLDER="$RUNNER_TEMP/` + depsDir + `" YARN_ENABLE_NETWORK=false` + "\n" + `yarn install --immutable` + "\n" + `mkdir -p "$RUNNER_TEMP/` + distDir + `"` + "\n" + `yarn pack --out "$RUNNER_TEMP/` + distDir + `/%s-%v.tgz"`,
				PublishSetup: []step{setupNode},
				Publish:      npmPublish,
				PublishNote:  npmPublishNote,
				TaskPublish:  "yarn npm publish",
			},
		},
		{
			Name: Pip, Format: "pypi", Title: "pip",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/python-configure-pip.html",
			Docs:     []string{"https://pip.pypa.io/en/stable/topics/configuration/#environment-variables"},
			Requires: []string{"pip"},
			Setup:    []step{setupPy},
			Env:      pipEnv,
			Install:  "python -m pip install -r requirements.txt",
		},
		{
			Name: UV, Format: "pypi", Title: "uv",
			Guide:      "https://docs.aws.amazon.com/codeartifact/latest/ug/python-configure-pip.html",
			Docs:       []string{"https://docs.astral.sh/uv/guides/integration/aws/", "https://docs.astral.sh/uv/configuration/indexes/"},
			Requires:   []string{"uv"},
			Setup:      []step{setupPy, setupUV},
			Env:        []envVar{{"UV_INDEX_CODEARTIFACT_USERNAME", "aws"}, {"UV_INDEX_CODEARTIFACT_PASSWORD", "$token"}},
			Install:    "uv sync --locked",
			Configs:    []configDef{{Path: "pyproject.toml", Template: "uv.pyproject.toml.tmpl", Block: true}},
			NeedsOwner: true,
			Release: func() *releaseDef {
				r := pythonRelease
				r.Build = `uv build --no-index --find-links "$RUNNER_TEMP/` + depsDir + `" --out-dir "$RUNNER_TEMP/` + distDir + `"`
				r.TaskPublish = "uv build\nuv publish"
				r.TaskEnv = uvPublish
				return &r
			}(),
		},
		{
			Name: Poetry, Format: "pypi", Title: "Poetry",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/python-configure-pip.html",
			Docs:     []string{"https://python-poetry.org/docs/repositories/#configuring-credentials"},
			Requires: []string{"poetry"},
			Setup:    []step{setupPy, {Name: "Install Poetry", Run: `pipx install "poetry==2.5.1"`}},
			Env: []envVar{
				{"POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME", "aws"}, {"POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD", "$token"},
				{"POETRY_REPOSITORIES_CODEARTIFACT_URL", "$CODEARTIFACT_URL"},
			},
			Install:    "poetry install --no-interaction",
			Configs:    []configDef{{Path: "pyproject.toml", Template: "poetry.pyproject.toml.tmpl", Block: true}},
			NeedsOwner: true,
			Release: func() *releaseDef {
				r := pythonRelease
				r.TaskPublish = "poetry publish --build --repository " + registryName
				return &r
			}(),
		},
		{
			Name: Twine, Format: "pypi", Title: "twine",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/python-configure-twine.html",
			Docs:     []string{"https://twine.readthedocs.io/en/stable/#environment-variables"},
			Requires: []string{"pip", "twine"},
			Setup:    []step{setupPy},
			Env:      pipEnv,
			Install:  "python -m pip install -r requirements.txt",
			Release: func() *releaseDef {
				r := pythonRelease
				r.TaskPublish = "twine upload dist/*"
				r.TaskEnv = []envVar{{"TWINE_REPOSITORY_URL", "$CODEARTIFACT_URL"}, {"TWINE_USERNAME", "aws"}, {"TWINE_PASSWORD", "$token"}}
				return &r
			}(),
		},
		{
			Name: Maven, Format: "maven", Title: "Maven (mvn)",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/maven-mvn.html",
			Docs:     []string{"https://maven.apache.org/settings.html", "https://maven.apache.org/plugins/maven-deploy-plugin/deploy-mojo.html#altDeploymentRepository"},
			Requires: []string{"mvn"},
			Setup:    []step{setupJava},
			Install:  "mvn --batch-mode --settings " + mavenSettings + " org.apache.maven.plugins:maven-dependency-plugin:3.11.0:go-offline",
			Configs:  []configDef{{Path: mavenSettings, Template: "maven-settings.xml.tmpl"}},
			Release: &releaseDef{
				Fetch:         `mvn --batch-mode --settings ` + mavenSettings + ` -Dmaven.repo.local="$RUNNER_TEMP/` + depsDir + `" org.apache.maven.plugins:maven-dependency-plugin:3.11.0:go-offline`,
				FetchRunsCode: "Maven has no download-only mode that runs no plugin: go-offline resolves the build's plugins and loads the project's extensions, with the read-only role's token.",
				DepsPath:      depsDir,
				Build:         `mvn --batch-mode --offline --settings ` + mavenSettings + ` -Dmaven.repo.local="$RUNNER_TEMP/` + depsDir + `" deploy -DaltDeploymentRepository="staging::file://$RUNNER_TEMP/` + distDir + `"`,
				Publish:       mavenUpload,
				PublishNote:   mavenUploadNote,
				TaskPublish:   `mvn --batch-mode --settings ` + mavenSettings + ` deploy -DaltDeploymentRepository="` + registryName + `::$CODEARTIFACT_URL"`,
			},
		},
		{
			Name: Gradle, Format: "maven", Title: "Gradle",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/maven-gradle.html",
			Docs:     []string{"https://docs.gradle.org/current/userguide/init_scripts.html", "https://docs.gradle.org/current/userguide/publishing_maven.html"},
			Requires: []string{"java"},
			Setup:    []step{setupJava, setupGradle},
			Install:  "./gradlew --init-script " + gradleInit + " codeartifactResolve",
			Configs:  []configDef{{Path: gradleInit, Template: "codeartifact.init.gradle.tmpl"}},
			Release: &releaseDef{
				Fetch:         `./gradlew --init-script ` + gradleInit + ` --gradle-user-home "$RUNNER_TEMP/` + depsDir + `" codeartifactResolve`,
				FetchRunsCode: "Gradle resolves dependencies only by evaluating the build: settings and build scripts, and the plugins they apply, run here with the read-only role's token.",
				DepsPath:      depsDir,
				Build:         `CODEARTIFACT_STAGING_DIR="$RUNNER_TEMP/` + distDir + `" ./gradlew --offline --init-script ` + gradleInit + ` --gradle-user-home "$RUNNER_TEMP/` + depsDir + `" build publishAllPublicationsToCodeartifactStagingRepository`,
				Publish:       mavenUpload,
				PublishNote:   mavenUploadNote,
				TaskPublish:   "./gradlew --init-script " + gradleInit + " publishAllPublicationsToCodeartifactRepository",
			},
		},
		{
			Name: NuGet, Format: "nuget", Title: "NuGet (dotnet)",
			Guide:    "https://docs.aws.amazon.com/codeartifact/latest/ug/nuget-cli.html",
			Docs:     []string{"https://learn.microsoft.com/nuget/consume-packages/consuming-packages-authenticated-feeds#credentials-in-environment-variables"},
			Requires: []string{"dotnet"},
			Setup:    []step{setupNet},
			Env:      []envVar{{"NuGetPackageSourceCredentials_" + registryName, "Username=aws;Password=$token"}},
			Install:  "dotnet restore",
			Configs:  []configDef{{Path: "nuget.config", Template: "nuget.config.tmpl"}},
			Release: &releaseDef{
				FetchEnv:      []envVar{{"NuGetPackageSourceCredentials_" + registryName, "Username=aws;Password=$token"}},
				Fetch:         `dotnet restore --packages "$RUNNER_TEMP/` + depsDir + `"`,
				FetchRunsCode: "dotnet restore evaluates the project files (MSBuild), including Directory.Build.props and .targets, with the read-only role's token.",
				DepsPath:      depsDir,
				Build:         `NUGET_PACKAGES="$RUNNER_TEMP/` + depsDir + `" dotnet pack --configuration Release --output "$RUNNER_TEMP/` + distDir + `"`,
				PublishSetup:  []step{setupNet},
				PublishEnv:    []envVar{{"NuGetPackageSourceCredentials_" + registryName, "Username=aws;Password=$token"}},
				Publish: `cd "$RUNNER_TEMP/` + distDir + `"
printf '<configuration><packageSources><clear /><add key="` + registryName + `" value="%sv3/index.json" /></packageSources></configuration>\n' "$CODEARTIFACT_URL" > nuget.config
dotnet nuget push "*.nupkg" --source ` + registryName,
				PublishNote: "dotnet nuget push uploads the packages the build job packed, with a nuget.config of its own that names only this repository; nothing of the project is checked out, restored or built here.",
				TaskPublish: "dotnet pack --configuration Release --output dist\ndotnet nuget push \"dist/*.nupkg\" --source " + registryName,
			},
		},
		{
			Name: Cargo, Format: "cargo", Title: "Cargo",
			Guide:      "https://docs.aws.amazon.com/codeartifact/latest/ug/configure-use-cargo.html",
			Docs:       []string{"https://doc.rust-lang.org/cargo/reference/registry-authentication.html", "https://doc.rust-lang.org/cargo/reference/config.html#registriesnametoken"},
			Requires:   []string{"cargo"},
			Env:        []envVar{{"CARGO_REGISTRIES_CODEARTIFACT_TOKEN", "Bearer $token"}},
			Install:    "cargo fetch --locked",
			Configs:    []configDef{{Path: ".cargo/config.toml", Template: "cargo-config.toml.tmpl", Block: true}},
			NeedsOwner: true,
			Release: &releaseDef{
				FetchEnv: []envVar{{"CARGO_REGISTRIES_CODEARTIFACT_TOKEN", "Bearer $token"}},
				Fetch:    `CARGO_HOME="$RUNNER_TEMP/` + depsDir + `" cargo fetch --locked`,
				DepsPath: depsDir,
				Build:    `CARGO_HOME="$RUNNER_TEMP/` + depsDir + `" cargo package --locked --offline --registry ` + registryName + "\n" + `mkdir -p "$RUNNER_TEMP/` + distDir + `"` + "\n" + `cp target/package/*.crate "$RUNNER_TEMP/` + distDir + `/"`,
				// Cargo cannot upload a .crate built elsewhere: cargo publish packages the source
				// again. --no-verify keeps it from compiling, so no build script or dependency code
				// runs with the publishing token.
				PublishCheckout: true,
				PublishEnv:      []envVar{{"CARGO_REGISTRIES_CODEARTIFACT_TOKEN", "Bearer $token"}},
				Publish:         "cargo publish --locked --no-verify --registry " + registryName,
				PublishNote:     "Cargo cannot publish a .crate built elsewhere: cargo publish packages the checked-out source again (the build job has verified that it builds). --no-verify keeps it from compiling, so no build script or dependency code runs with the publishing token.",
				TaskPublish:     "cargo publish --locked --registry " + registryName,
			},
		},
	}
})

// lookupTool returns the tool named name, or nil.
func lookupTool(name string) *toolDef {
	i := slices.IndexFunc(toolTable(), func(t *toolDef) bool { return t.Name == name })
	if i < 0 {
		return nil
	}
	return toolTable()[i]
}

// toolsFor returns the names of the tools that use repositories of format.
func toolsFor(format string) []string {
	var names []string
	for _, t := range toolTable() {
		if t.Format == format {
			names = append(names, t.Name)
		}
	}
	return names
}

// Publishes reports whether the tool can publish packages.
func (t *toolDef) Publishes() bool { return t.Release != nil }

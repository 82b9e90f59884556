#!/usr/bin/env node
// Test-only: evaluates IAM role trust policies with @cloud-copilot/iam-simulate's core engine,
// the independent evaluator internal/iamsim's differential test compares generator/trust with.
// AGPL-3.0-or-later code, run as a separate process by the test; never linked into or shipped
// with codeartifact-gen.
//
// stdin:  {"policies": [<policy document>...],
//          "cases": [{"policy": <index>, "principal": <ARN>, "resource": <role ARN>,
//                     "account": <12 digits>, "action": <service:Action>,
//                     "context": {<condition key>: <string or [strings]>}}...]}
// stdout: {"engine": "<name>@<version>",
//          "policyErrors": [[<validation message>...] per policy],
//          "verdicts": ["Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | ... per case]}
//
// Why not runSimulation: the strict simulation keeps only the context keys AWS's service
// reference lists for the action, and token.actions.githubusercontent.com:sub/:aud are not
// listed for sts:AssumeRoleWithWebIdentity, so it would drop the very keys trust policies
// test. authorize() is the engine runSimulation calls after that filtering
// (dist/cjs/simulation_engine/simulationEngine.js, curriedAuthorize); it is given here exactly
// the arguments runSimulation gives it for a request with a resource policy (the trust policy)
// and no identity, session, boundary, SCP, RCP or endpoint policies.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// The package's "exports" map exposes only its index, which does not export authorize(), so
// the CommonJS build's files are loaded by path.
const simDir = path.dirname(require.resolve('@cloud-copilot/iam-simulate'));
const simVersion = JSON.parse(
  fs.readFileSync(path.join(simDir, '..', '..', 'package.json'), 'utf8'),
).version;
const { authorize } = require(path.join(simDir, 'core_engine', 'CoreSimulatorEngine.js'));
const { AwsRequestImpl } = require(path.join(simDir, 'request', 'request.js'));
const { RequestContextImpl } = require(path.join(simDir, 'requestContext.js'));
const { DiscoveryContextKeyConstraints } = require(
  path.join(simDir, 'context_keys', 'discoveryContextKeyConstraints.js'),
);
const { loadPolicy, validateTrustPolicy } = require('@cloud-copilot/iam-policy');

function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const policyErrors = [];
  const loaded = input.policies.map((doc, i) => {
    const errors = validateTrustPolicy(doc);
    policyErrors.push(errors.map((e) => `${e.path}: ${e.message}`));
    return loadPolicy(doc, { name: `policy-${i}` });
  });
  const parameters = {
    simulationMode: 'Strict',
    discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]),
  };
  const verdicts = input.cases.map((c) => {
    const request = new AwsRequestImpl(
      c.principal,
      { resource: c.resource, accountId: c.account },
      c.action,
      new RequestContextImpl(c.context),
      false,
    );
    return authorize({
      request,
      sessionPolicy: undefined,
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: loaded[c.policy],
      permissionBoundaries: undefined,
      vpcEndpointPolicies: undefined,
      simulationParameters: parameters,
    }).result;
  });
  process.stdout.write(
    JSON.stringify({
      engine: `@cloud-copilot/iam-simulate@${simVersion}`,
      policyErrors,
      verdicts,
    }),
  );
}

main();

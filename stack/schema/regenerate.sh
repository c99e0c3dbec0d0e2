#!/usr/bin/env bash
# Regenerates pulumi-aws-<version>-inputs.json: the input/output schema of the AWS provider version the stack
# pins (StackTemplate.AwsProviderVersion), extracted from the provider's generated TypeScript SDK.
# Needs node and npm. Usage: stack/schema/regenerate.sh [extra-token ...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="7.48.0"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack "@pulumi/aws@${version}" --silent >/dev/null
tar xzf "pulumi-aws-${version}.tgz"
npm install --silent --no-audit --no-fund typescript@5 >/dev/null
# No tokens: extract.js's default list (API Gateway v2, API Gateway's account settings, Lambda, DynamoDB, IAM,
# CloudWatch logs/alarms, EventBridge rules/targets, the provider itself and the getRegion/getPartition/
# getCallerIdentity invokes). extract.js lives outside the work folder, so node resolves its
# require('typescript') through NODE_PATH.
NODE_PATH="$work/node_modules" node "$here/extract.js" ./package "$here/pulumi-aws-${version}-inputs.json" "$@"

#!/usr/bin/env bash
# The compiler Pulumi runs (Pulumi.yaml: runtime.options.compiler), from the project directory.
# Builds the program with every byte of build output on stderr, then runs it: stdout carries the template only.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build stack/Rtc.Stack.csproj -c Release -nologo -v q >&2
exec dotnet stack/bin/Release/net10.0/Rtc.Stack.dll "$@"

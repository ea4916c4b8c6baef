#!/usr/bin/env bash
# Lays out the Ops PowerShell module in out/Ops, ready for Import-Module or Publish-Module, without pwsh:
#
#   bash .ci/package-module.sh [OUTPUT_DIR]        (default out/Ops; CONFIGURATION=Debug for a debug build)
#
# It is the same layout as `pwsh ./build.ps1 -Task Package`:
#   Ops.psd1, Ops.PowerShell.dll, Ops.Tla.dll       the module (dotnet publish src/Ops.PowerShell, net8.0)
#   Ops.Domain.dll                                  the contract and report every domain shares
#   Ops.Pglogical.dll, Npgsql.dll,                  what the pglogical and Jenkins cmdlets load
#   Ops.Jenkins.dll, YamlDotNet.dll
#   Ops.EcsService.dll, Ops.Aws.dll, AWSSDK.Core.dll what the ECS service cmdlets load
#   Ops.format.ps1xml, Ops.types.ps1xml,            formats, extended members and help (from module/)
#   en-US/about_Ops.help.txt,
#   en-US/Ops.PowerShell.dll-Help.xml
#   specs/seed/*.tla, *.cfg                         the shipped models (Get-ModelCheckSpec)
#   cli/ops, cli/ops.dll, cli/*.dll                 the CLI for hosts without pwsh (dotnet publish src/Ops.Cli, net10.0,
#                                                   ReadyToRun), in a folder of its own
# The CLI and the module never share a folder: the CLI's net10.0 build of Npgsql and Microsoft.Extensions.* would
# otherwise replace the module's net8.0 ones, which PowerShell 7.4 (.NET 8) cannot load
# (docs/powershell-hosting.md).
# Then it checks the layout: every file is there, nothing of pwsh's own ships, nothing of the CLI sits in the module's
# folder, and the packaged CLI reproduces TLC on a shipped spec. (That the module loads on PowerShell 7.4 is tested by
# tests/Ops.PowerShell.Host.Tests, which imports this folder into PowerShell 7.4 on .NET 8 and into pwsh.)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
OUT=${1:-out/Ops}
CONFIG=${CONFIGURATION:-Release}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

rm -rf "$OUT"
mkdir -p "$OUT"
dotnet publish src/Ops.PowerShell/Ops.PowerShell.csproj -c "$CONFIG" -o "$OUT" --nologo -v quiet
# The CLI ReadyToRun (precompiled for this machine's runtime identifier): `ops check` of a small spec then takes tens
# of milliseconds instead of a hundred or more spent compiling the checker at start-up. Without the runtime pack
# (no NuGet), the plain build.
RID=${RID:-$(dotnet --info 2>/dev/null | awk '/^ *RID:/ { print $2; exit }')}
if ! dotnet publish src/Ops.Cli/Ops.Cli.csproj -c "$CONFIG" -r "${RID:-linux-x64}" --self-contained false \
        -p:PublishReadyToRun=true -o "$OUT/cli" --nologo -v quiet; then
    echo "package-module: the ReadyToRun build of the CLI failed; packaging the portable build"
    rm -rf "$OUT/cli"
    dotnet publish src/Ops.Cli/Ops.Cli.csproj -c "$CONFIG" -o "$OUT/cli" --nologo -v quiet
fi

missing=0
for f in Ops.psd1 Ops.PowerShell.dll Ops.Tla.dll Ops.Domain.dll Ops.Pglogical.dll Npgsql.dll Ops.Jenkins.dll YamlDotNet.dll \
         Ops.EcsService.dll Ops.Aws.dll AWSSDK.Core.dll specs/ops/ecs_service.tla \
         Ops.format.ps1xml Ops.types.ps1xml en-US/about_Ops.help.txt \
         en-US/Ops.PowerShell.dll-Help.xml specs/seed/bank.tla specs/seed/bank.cfg cli/ops.dll; do
    if [ ! -e "$OUT/$f" ]; then
        echo "package-module: $OUT/$f is missing"
        missing=1
    fi
done
if [ -e "$OUT/System.Management.Automation.dll" ]; then
    echo "package-module: $OUT/System.Management.Automation.dll must not ship (pwsh provides it)"
    missing=1
fi
# The module's folder holds the module's own publish output only: its deps file names the net8.0 assets it resolved.
if ! grep -q '"Npgsql/' "$OUT/Ops.PowerShell.deps.json" || [ -e "$OUT/ops.dll" ] || [ -e "$OUT/ops.deps.json" ]; then
    echo "package-module: $OUT mixes the CLI into the module's folder; the CLI belongs in $OUT/cli"
    missing=1
fi
[ "$missing" -eq 0 ] || exit 1

if ! dotnet "$OUT/cli/ops.dll" check "$OUT/specs/seed/bank.tla" | grep -q '^2266 states generated, 220 distinct states found'; then
    echo "package-module: the packaged ops did not reproduce TLC on specs/seed/bank.tla"
    exit 1
fi
if ! dotnet "$OUT/cli/ops.dll" check "$OUT/specs/ops/ecs_service.tla" -config "$OUT/specs/ops/ecs_service_fixed.cfg" | grep -q 'No error has been found'; then
    echo "package-module: the packaged ops did not check specs/ops/ecs_service.tla"
    exit 1
fi
echo "package-module: laid out $OUT ($(find "$OUT" -type f | wc -l) files)"

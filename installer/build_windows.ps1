# Build the Windows bundle and installer of Biên chế on a Windows 10/11 x64 PC.
# Run from the repository root in PowerShell:
#     powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1
# Needs: Python 3.11 x64 (python.org), uv, NSIS 3 (makensis on PATH or in
# "C:\Program Files (x86)\NSIS"). Steps and checks: installer\README.md.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)

# 1. The project's own environment, with PyInstaller (the "test" extra).
uv sync --extra test --python 3.11
if ($LASTEXITCODE -ne 0) { throw "uv sync failed" }

# 2. The tests, without the slow Linux-bundle ones (they need ldd and Debian's nsis).
uv run pytest -q -m "not slow"
if ($LASTEXITCODE -ne 0) { throw "tests failed" }

# 3. The one-folder bundle: dist\bienche\bienche.exe, bienche-cli.exe, _internal\.
Remove-Item -Recurse -Force build, dist -ErrorAction SilentlyContinue
uv run pyinstaller --noconfirm installer\bienche.spec
if ($LASTEXITCODE -ne 0) { throw "pyinstaller failed" }

# 4. Smoke test of the bundle itself: every screen opens.
& dist\bienche\bienche-cli.exe --self-test
if ($LASTEXITCODE -ne 0) { throw "bienche-cli --self-test failed" }
$size = (Get-ChildItem -Recurse dist\bienche | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("Bundle: {0:N0} MB" -f $size)

# 5. The installer, version from desktop_app\__init__.py.
$version = (Select-String -Path desktop_app\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
& $makensis /WX "/DVERSION=$version" installer\bienche.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "Installer: dist\BienChe-$version-cai-dat.exe"

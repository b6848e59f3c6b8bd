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

# 4b. Authenticode: sign both programs before they are packed, when the organisation gave a
#     certificate (BIENCHE_SIGN_PFX, BIENCHE_SIGN_PASSWORD; optional BIENCHE_SIGN_TIMESTAMP_URL).
$signtool = $null
if ($env:BIENCHE_SIGN_PFX) {
    $signtool = (Get-Command signtool -ErrorAction SilentlyContinue).Source
    if (-not $signtool) {
        $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
            Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
    }
    if (-not $signtool) { throw "BIENCHE_SIGN_PFX is set but signtool.exe (Windows SDK) was not found" }
}
function Sign-Files([string[]]$files) {
    if (-not $signtool) { Write-Host "Not signed: BIENCHE_SIGN_PFX is not set"; return }
    $signArgs = @("sign", "/fd", "SHA256", "/f", $env:BIENCHE_SIGN_PFX, "/p", $env:BIENCHE_SIGN_PASSWORD, "/d", "Biên chế")
    if ($env:BIENCHE_SIGN_TIMESTAMP_URL) { $signArgs += @("/tr", $env:BIENCHE_SIGN_TIMESTAMP_URL, "/td", "SHA256") }
    & $signtool @signArgs @files
    if ($LASTEXITCODE -ne 0) { throw "signtool sign failed" }
    & $signtool verify /pa @files
    if ($LASTEXITCODE -ne 0) { throw "signtool verify failed" }
}
Sign-Files @("dist\bienche\bienche.exe", "dist\bienche\bienche-cli.exe")

# 5. The installer, version from desktop_app\__init__.py.
$version = (Select-String -Path desktop_app\__init__.py -Pattern '^__version__ = "(.+)"').Matches[0].Groups[1].Value
$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$nsisSign = @()
if ($signtool) {  # the uninstaller is signed inside the build (!uninstfinalize in bienche.nsi)
    $nsisSign = @("/DSIGN_UNINSTALLER=`"$signtool`" sign /fd SHA256 /f `"$env:BIENCHE_SIGN_PFX`" /p `"$env:BIENCHE_SIGN_PASSWORD`"")
}
& $makensis /WX "/DVERSION=$version" @nsisSign installer\bienche.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Sign-Files @("dist\BienChe-$version-cai-dat.exe")
Write-Host "Installer: dist\BienChe-$version-cai-dat.exe"

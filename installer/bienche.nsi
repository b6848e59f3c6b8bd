; NSIS installer for Biên chế (SPEC §12, STYLE.md practice 16).
;
; Per-user install without administrator rights into
; %LOCALAPPDATA%\Programs\BienChe, Start-menu and desktop shortcuts, an
; uninstaller registered under HKCU, Vietnamese texts throughout. The user's
; data (%LOCALAPPDATA%\BienChe: the data file, backups, logs) is never
; touched by installing and is kept on uninstall unless the user ticks the
; unchecked box "Xóa cả dữ liệu".
;
; Build on Windows (installer/build_windows.ps1):   makensis installer\bienche.nsi
; CI compiles it on Linux against the Linux bundle (tests/installer/test_bundle.py):
;   makensis -DBUNDLE_DIR=<bundle> -DVERSION=0.1.0 -DVERSION_QUAD=0.1.0.0 -DOUTFILE=<exe> installer/bienche.nsi
; This file is UTF-8 with a byte-order mark, so makensis reads the Vietnamese right.

Unicode true
SetCompressor /SOLID lzma

!ifndef VERSION
  !define VERSION "0.1.0"
!endif
!ifndef VERSION_QUAD
  !define VERSION_QUAD "${VERSION}.0"
!endif
!ifndef BUNDLE_DIR
  !define BUNDLE_DIR "..\dist\bienche"
!endif
!ifndef ICON
  !define ICON "..\resources\icons\bienche.ico"
!endif
!ifndef OUTFILE
  !define OUTFILE "..\dist\BienChe-${VERSION}-cai-dat.exe"
!endif

!define APP_NAME "Biên chế"
!define APP_KEY "BienChe"
!define APP_EXE "bienche.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
; The same folder as desktop_app/paths.py data_dir() (platformdirs, roaming=False).
!define DATA_DIR "$LOCALAPPDATA\${APP_KEY}"

; The bundle must be built first; fail here rather than ship an empty installer.
!if ! /FileExists "${BUNDLE_DIR}\_internal\resources\fonts\OFL.txt"
  !error "Không thấy thư mục chương trình ${BUNDLE_DIR} (chạy pyinstaller installer\bienche.spec trước)."
!endif

; Authenticode for the uninstaller too (issue 22): makensis writes go-cai-dat.exe to a temporary
; file, runs this command on it ("%1") and packs the signed file; a non-zero exit fails the build.
; build_windows.ps1 passes signtool, the Linux check passes installer/sign.sh.
!ifdef SIGN_UNINSTALLER
  !uninstfinalize '${SIGN_UNINSTALLER} "%1"' = 0
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_KEY}"
InstallDirRegKey HKCU "Software\${APP_KEY}" "InstallDir"
ShowInstDetails show
ShowUninstDetails show

VIProductVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=1066 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1066 "FileDescription" "Cài đặt ${APP_NAME} ${VERSION}"
VIAddVersionKey /LANG=1066 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1066 "LegalCopyright" "${APP_NAME}"

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_UNABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPageShow un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Vietnamese"

LangString WelcomeText ${LANG_VIETNAMESE} "Chương trình sẽ cài đặt ${APP_NAME} ${VERSION} cho riêng tài khoản Windows này, không cần quyền quản trị.$\r$\n$\r$\nDữ liệu của anh/chị (tệp dữ liệu, bản sao lưu) nằm ở thư mục riêng và được giữ nguyên khi cài đặt hoặc cập nhật.$\r$\n$\r$\nBấm Tiếp để tiếp tục."
LangString RunNow ${LANG_VIETNAMESE} "Mở ${APP_NAME} ngay"
LangString StillRunning ${LANG_VIETNAMESE} "${APP_NAME} đang mở. Hãy đóng chương trình rồi bấm Thử lại."
LangString DataTitle ${LANG_VIETNAMESE} "Dữ liệu của anh/chị"
LangString DataSubtitle ${LANG_VIETNAMESE} "Giữ hay xóa tệp dữ liệu và các bản sao lưu"
LangString DataText ${LANG_VIETNAMESE} "Dữ liệu (tệp dữ liệu, các bản sao lưu, nhật ký) nằm ở:$\r$\n${DATA_DIR}$\r$\n$\r$\nThông thường nên giữ lại: cài lại ${APP_NAME} sẽ mở đúng dữ liệu cũ. Chỉ đánh dấu ô dưới đây khi chắc chắn không cần dữ liệu này nữa (đã sao lưu ra USB hoặc đã bàn giao)."
LangString DataCheckbox ${LANG_VIETNAMESE} "Xóa cả dữ liệu"
LangString DataConfirm ${LANG_VIETNAMESE} "Xóa vĩnh viễn toàn bộ dữ liệu trong ${DATA_DIR}? Không thể hoàn tác."
LangString ShortcutUninstall ${LANG_VIETNAMESE} "Gỡ cài đặt ${APP_NAME}"

; Files in use cannot be replaced on Windows: ask the user to close the program.
; A running .exe can still be renamed, but not opened for writing: that is the test
; (mode "a" neither truncates nor changes the file).
!macro EnsureClosed UN
  Function ${UN}EnsureClosed
    ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
      retry:
      ClearErrors
      FileOpen $0 "$INSTDIR\${APP_EXE}" a
      ${If} ${Errors}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(StillRunning)" IDRETRY retry
        Abort
      ${EndIf}
      FileClose $0
    ${EndIf}
  FunctionEnd
!macroend
!insertmacro EnsureClosed ""
!insertmacro EnsureClosed "un."

Section "${APP_NAME}" SecMain
  SetShellVarContext current
  Call EnsureClosed
  SetOutPath "$INSTDIR"
  ; An update replaces the program folder whole, so no file of an older version lingers.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\go-cai-dat.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\$(ShortcutUninstall).lnk" "$INSTDIR\go-cai-dat.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "Software\${APP_KEY}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\go-cai-dat.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\go-cai-dat.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Function .onInit
  SetShellVarContext current
FunctionEnd

; ---- Uninstaller ------------------------------------------------------------

Var DeleteData
Var DataCheckbox

Function un.onInit
  SetShellVarContext current
  StrCpy $DeleteData ${BST_UNCHECKED}
FunctionEnd

Function un.DataPageShow
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 60% "$(DataText)"
  Pop $0
  ${NSD_CreateCheckbox} 0 65% 100% 12u "$(DataCheckbox)"
  Pop $DataCheckbox
  ${NSD_SetState} $DataCheckbox $DeleteData
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DataCheckbox $DeleteData
  ${If} $DeleteData == ${BST_CHECKED}
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "$(DataConfirm)" IDYES +2
    Abort
  ${EndIf}
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Call un.EnsureClosed
  ; Only what the installer put there: never RMDir /r on a folder the user chose.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\bienche-cli.exe"
  Delete "$INSTDIR\go-cai-dat.exe"
  RMDir "$INSTDIR"

  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\$(ShortcutUninstall).lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegValue HKCU "Software\${APP_KEY}" "InstallDir"
  ${If} $DeleteData == ${BST_CHECKED}
    RMDir /r "${DATA_DIR}"
    ; Window positions and the last page (QSettings, organisation "BienChe").
    DeleteRegKey HKCU "Software\${APP_KEY}"
  ${Else}
    DeleteRegKey /ifempty HKCU "Software\${APP_KEY}"
  ${EndIf}
SectionEnd

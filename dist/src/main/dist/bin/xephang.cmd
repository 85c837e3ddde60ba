@echo off
rem The xephang command on Windows: runtime\ if present (a Windows jlink image, see docs\install.md), else
rem JAVA_HOME, else java on the PATH (Java 17 or later). XEPHANG_JAVA_OPTS adds JVM options.
setlocal
set "XEPHANG_HOME=%~dp0.."
set "JAVA_EXE=java.exe"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%XEPHANG_HOME%\runtime\bin\java.exe" set "JAVA_EXE=%XEPHANG_HOME%\runtime\bin\java.exe"
rem The server's garbage collector (docs\adr\0040-young-pauses-that-grow-with-the-day.md); XEPHANG_SERVER_JAVA_OPTS
rem replaces it, XEPHANG_JAVA_OPTS comes after it. The heap floor is left out when XEPHANG_JAVA_OPTS sets a ceiling
rem (-Xmx512m): the JVM refuses a minimum above its maximum.
set "SERVER_OPTS="
if /i "%~1"=="server" (
  if defined XEPHANG_SERVER_JAVA_OPTS (set "SERVER_OPTS=%XEPHANG_SERVER_JAVA_OPTS%") else (
    set "SERVER_OPTS=-Xms1g -XX:MaxTenuringThreshold=1 -XX:MaxGCPauseMillis=50"
    echo " %XEPHANG_JAVA_OPTS% " | findstr /c:" -Xmx" /c:"MaxHeapSize=" >nul && set "SERVER_OPTS=-XX:MaxTenuringThreshold=1 -XX:MaxGCPauseMillis=50"
  )
)
"%JAVA_EXE%" %SERVER_OPTS% %XEPHANG_JAVA_OPTS% -Dfile.encoding=UTF-8 "-Dxephang.home=%XEPHANG_HOME%" -cp "%XEPHANG_HOME%\lib\*" org.xephang.launcher.Xephang %*
exit /b %ERRORLEVEL%

@echo off
rem The xephang command on Windows: runtime\ if present (a Windows jlink image, see docs\install.md), else
rem JAVA_HOME, else java on the PATH (Java 17 or later). XEPHANG_JAVA_OPTS adds JVM options.
setlocal
set "XEPHANG_HOME=%~dp0.."
set "JAVA_EXE=java.exe"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%XEPHANG_HOME%\runtime\bin\java.exe" set "JAVA_EXE=%XEPHANG_HOME%\runtime\bin\java.exe"
"%JAVA_EXE%" %XEPHANG_JAVA_OPTS% -Dfile.encoding=UTF-8 "-Dxephang.home=%XEPHANG_HOME%" -cp "%XEPHANG_HOME%\lib\*" org.xephang.launcher.Xephang %*
exit /b %ERRORLEVEL%

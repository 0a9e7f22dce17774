#!/bin/sh
# Print the path of a headless Chromium, installing Debian's `chromium` package with
# apt-get where it is missing and this user may install packages. Exit 1 (with the
# reason on stderr) when none can be had; the browser tests then skip with that reason.
set -u
for name in chromium chromium-browser google-chrome; do
    if path=$(command -v "$name" 2>/dev/null); then
        echo "$path"
        exit 0
    fi
done
if ! command -v apt-get >/dev/null 2>&1; then
    echo "no chromium on PATH and no apt-get to install it with" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run="sudo -n"
else
    echo "no chromium on PATH, and installing it needs root (apt-get install chromium)" >&2
    exit 1
fi
if ! $run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2; then
    $run apt-get update -q >&2 && \
        $run env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
fi
if path=$(command -v chromium 2>/dev/null); then
    echo "$path"
    exit 0
fi
echo "apt-get could not install chromium" >&2
exit 1

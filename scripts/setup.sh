#!/usr/bin/env bash
# Installs whatever `npm start` and `npm test` need and is missing. Idempotent: when everything is
# present it only checks, in a few seconds. Where it cannot install something (no root, no apt-get,
# no rustup) it says exactly what to install by hand and fails.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
say() { printf '[setup] %s\n' "$*"; }
have() { command -v "$1" >/dev/null 2>&1; }
# cargo install with the tool's own lock file first (the versions its authors tested); when that lock
# names a version the registry no longer serves (yanked, or absent from a mirror), resolve afresh.
cargo_install() {
  cargo install --locked "$@" && return 0
  say "the locked install of $1 failed (a pinned dependency is not on the registry); retrying without --locked"
  cargo install "$@"
}

# --- Rust toolchain --------------------------------------------------------------------------------
[ -d "$HOME/.cargo/bin" ] && export PATH="$HOME/.cargo/bin:$PATH"
if ! have cargo; then
  missing+=("Rust (cargo, rustc) — install rustup from your system's packages or rustup.rs, then run: rustup default stable")
else
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    if have rustup; then
      say "adding the wasm32-unknown-unknown target"
      rustup target add wasm32-unknown-unknown
    else
      missing+=("the wasm32-unknown-unknown standard library — run: rustup target add wasm32-unknown-unknown")
    fi
  fi
  if ! have geckodriver; then
    # wasm-pack test --firefox would fetch it from GitHub; crates.io has it too.
    say "installing geckodriver (cargo install, about 2 minutes)"
    cargo_install geckodriver
  fi
  if ! have wasm-pack; then
    say "installing wasm-pack (cargo install, about 3 minutes)"
    cargo_install wasm-pack
  fi
  # The wasm-bindgen CLI must match the version Cargo.lock pins for the wasm-bindgen crate.
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock 2>/dev/null || true)
  [ -n "$want" ] || want=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' Cargo.toml)
  # wasm-pack uses the wasm-bindgen on PATH and expects wasm-bindgen-test-runner beside it.
  got=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$got" != "$want" ] || [ "$runner" != "$want" ]; then
    say "installing wasm-bindgen-cli $want (found: ${got:-none}; cargo install, about 4 minutes)"
    cargo_install wasm-bindgen-cli --version "$want" --force
  fi
fi

# --- Debian packages, with apt-get where it is usable (as root, or with password-less sudo) ---------
sudo=""
[ "$(id -u)" -eq 0 ] || { have sudo && sudo -n true 2>/dev/null && sudo="sudo -n"; }
apt_usable() { have apt-get && { [ "$(id -u)" -eq 0 ] || [ -n "$sudo" ]; }; }
apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { $sudo apt-get update -qq || true; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# What every test needs: binaryen (wasm-opt), chromium and chromium-driver.
apt_needed=()
have wasm-opt || apt_needed+=(binaryen)
have chromium || [ -x /usr/bin/chromium ] || apt_needed+=(chromium)
have chromedriver || apt_needed+=(chromium-driver)
if [ ${#apt_needed[@]} -gt 0 ]; then
  if apt_usable; then
    say "installing ${apt_needed[*]} with apt-get"
    apt_install "${apt_needed[@]}"
  else
    missing+=("${apt_needed[*]} — as root on Debian/Ubuntu: apt-get install ${apt_needed[*]} (elsewhere: wasm-opt from binaryen, Chromium and a matching ChromeDriver on PATH)")
  fi
fi

# The other engines a class has, for the cross-browser tests: firefox-esr (driven over WebDriver
# BiDi), webkit2gtk-driver (WebKitGTK's MiniBrowser and WebKitWebDriver: Safari's engine) and xvfb
# (a display for the MiniBrowser). Where they cannot be installed (another system, no firefox-esr
# package), the setup says so loudly and goes on: those tests say they were skipped rather than
# stopping every other test.
browsers=()
have firefox-esr || browsers+=(firefox-esr)
have WebKitWebDriver || browsers+=(webkit2gtk-driver)
have xvfb-run || browsers+=(xvfb)
if [ ${#browsers[@]} -gt 0 ]; then
  if apt_usable; then
    say "installing ${browsers[*]} with apt-get (the cross-browser tests' engines)"
    apt_install "${browsers[@]}" \
      || say "WARNING: apt-get could not install ${browsers[*]}: the Firefox and WebKit tests will be skipped"
  else
    say "WARNING: ${browsers[*]} missing and apt-get not usable here: install them by hand (Firefox ESR, WebKitGTK's WebKitWebDriver, Xvfb), or the Firefox and WebKit tests are skipped"
  fi
fi

# --- Node.js and the npm dev-dependencies ---------------------------------------------------------
if ! have node || ! have npm; then
  missing+=("Node.js 20+ with npm — install it from your system's packages")
elif [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ] \
  || { [ -f package-lock.json ] && [ package-lock.json -nt node_modules/.package-lock.json ]; }; then
  say "installing npm dev-dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  say "cannot continue; install by hand:"
  for m in "${missing[@]}"; do printf '  - %s\n' "$m"; done
  exit 1
fi
say "all tools present"

#!/usr/bin/env bash
# Installs every build and test dependency of kafkasim from Debian's packages.
# Idempotent: packages already present are left as they are.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git clang-format clang-tidy-19
  libgtest-dev libgmock-dev librapidcheck-dev
  libyaml-cpp-dev
  zlib1g-dev liblz4-dev libsnappy-dev libzstd-dev
  libimgui-dev libglfw3-dev libgl-dev libgl1-mesa-dri
  librdkafka-dev
  xvfb xauth xdotool python3 python3-matplotlib
  jupyter-nbconvert python3-nbclient python3-ipykernel python3-pandas
  munge slurmctld slurmd slurm-client
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
echo "install-deps: installed ${missing[*]}"

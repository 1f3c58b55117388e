#!/usr/bin/env bash
# GPU check: confirms that the networks run on an NVIDIA GPU and prints the time per diffusion step.
# Run from the repository root on a machine with an NVIDIA GPU, after `mvn -B -ntp -DskipTests package`
# (or let the script build offline). It needs a libtorch 2.5.1 built for CUDA 12.x: either
#   - PYTORCH_LIBRARY_PATH pointing at its lib/ folder (for example a pip-installed torch 2.5.1+cu124:
#     python3 -c "import torch, os; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))"), or
#   - a build with the CUDA native jar: mvn -B -ntp -DskipTests -Dsingle-platform -Dnative.artifact=pytorch-native-cu124 package
# Takes 2-5 minutes on an H100 (most of it the CPU baseline). Exit status 0 when the GPU was used.
set -euo pipefail

JAR=target/fast-diffusion-em.jar
OUT=${OUT:-target/gpu-check}
mkdir -p "$OUT"

echo "== GPU"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader || { echo "no nvidia-smi: no NVIDIA driver"; exit 2; }

if [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && ! unzip -l "$JAR" >/dev/null 2>&1; then
  echo "== building (offline)"; mvn -B -o -q -DskipTests -Dsingle-platform package
fi
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ] && ! ls target/lib/pytorch-native-cu*.jar >/dev/null 2>&1; then
  # a pip-installed torch 2.5.x with CUDA, if there is one
  if lib=$(python3 -c "import torch, os; assert torch.__version__.startswith('2.5.') and torch.version.cuda, torch.__version__; print(os.path.join(os.path.dirname(torch.__file__), 'lib'))" 2>/dev/null); then
    export PYTORCH_LIBRARY_PATH="$lib"
  else
    echo "no CUDA libtorch 2.5.x: set PYTORCH_LIBRARY_PATH, or build with -Dnative.artifact=pytorch-native-cu124 (docs/gpu.md)"
    exit 2
  fi
fi
if [ -n "${PYTORCH_LIBRARY_PATH:-}" ]; then
  export PYTORCH_VERSION=${PYTORCH_VERSION:-2.5.1} PYTORCH_FLAVOR=${PYTORCH_FLAVOR:-cu124}
  echo "== libtorch: $PYTORCH_LIBRARY_PATH ($PYTORCH_VERSION, $PYTORCH_FLAVOR)"
fi

run() { # name, then the command's arguments
  local name=$1; shift
  echo "== $name: java -jar $JAR $*"
  java -Xmx8g -jar "$JAR" "$@" 2>&1 | tee "$OUT/$name.log"
}

# 1. a demo on the GPU: the device line must say GPU
run demo-gpu demo --device gpu --size 256 --steps 50 --out "$OUT/demo-gpu"
grep -q "networks on the GPU" "$OUT/demo-gpu.log" || { echo "FAIL: the networks did not run on the GPU (see the device line above)"; exit 1; }

# 2. the cost of one Fast EM step on the GPU and, for comparison, on the CPU (256x256, n = 1, 33x33 kernel)
run cost-gpu dev bench-cost --device gpu --size 256 --steps 30 --warmup 10
run cost-gpu-padded dev bench-cost --device gpu --size 256 --steps 30 --warmup 10 --padded
run cost-cpu dev bench-cost --device cpu --size 256 --steps 12 --warmup 4

echo "== summary (logs in $OUT)"
grep -h "networks on the" "$OUT"/*.log | sort -u
grep -h -i "per step\|total" "$OUT"/cost-*.log || true
echo "OK: the networks ran on the GPU"

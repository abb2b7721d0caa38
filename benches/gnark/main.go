// Command gnark-msm times gnark-crypto's BN254 G1 multi-exponentiation, the
// reference point for masa-zk's own MSM (see ../msm_compare.sh).
//
//	gnark-msm [-sizes 12,14,16,18,20] [-reps 5]   table of medians (ms)
//	gnark-msm -serve                               read log2n lines, answer "wall_ms cpu_ms"
//
// Inputs are random: scalars uniform in Fr, bases a random walk P_{i+1} = P_i + S_k
// over 16 random steps S_k (as in native/examples/msm_bench.rs).
package main

import (
	"bufio"
	"crypto/rand"
	"flag"
	"fmt"
	mrand "math/rand"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fp"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
)

func inputs(n int) ([]bn254.G1Affine, []fr.Element) {
	g, _, _, _ := bn254.Generators()
	randJac := func() bn254.G1Jac {
		k, err := rand.Int(rand.Reader, fr.Modulus())
		if err != nil {
			panic(err)
		}
		var p bn254.G1Jac
		p.ScalarMultiplication(&g, k)
		return p
	}
	var steps [16]bn254.G1Affine
	for i := range steps {
		s := randJac()
		steps[i].FromJacobian(&s)
	}
	walk := make([]bn254.G1Jac, n)
	p := randJac()
	r := mrand.New(mrand.NewSource(42))
	for i := range walk {
		p.AddMixed(&steps[r.Intn(16)])
		walk[i] = p
	}
	scalars := make([]fr.Element, n)
	for i := range scalars {
		scalars[i].MustSetRandom()
	}
	return bn254.BatchJacobianToAffineG1(walk), scalars
}

// cpuNs is the CPU time (user + system) of the whole process, in ns. Under load
// from other processes wall time mostly measures the scheduler; CPU time the work.
func cpuNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// timeMSM returns the wall and CPU milliseconds of one MultiExp.
func timeMSM(points []bn254.G1Affine, scalars []fr.Element) (float64, float64) {
	var res bn254.G1Affine
	c := cpuNs()
	start := time.Now()
	if _, err := res.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
		panic(err)
	}
	wall := float64(time.Since(start).Nanoseconds()) / 1e6
	return wall, float64(cpuNs()-c) / 1e6
}

func median(v []float64) float64 {
	sort.Float64s(v)
	m := len(v) / 2
	if len(v)%2 == 1 {
		return v[m]
	}
	return (v[m-1] + v[m]) / 2
}

func main() {
	sizesFlag := flag.String("sizes", "12,14,16,18,20", "comma-separated log2 sizes")
	reps := flag.Int("reps", 5, "repetitions per size")
	serve := flag.Bool("serve", false, "read log2n lines on stdin, print wall and cpu ms per line")
	calibrate := flag.Bool("calibrate", false, "time field multiplication and inversion")
	flag.Parse()
	if *calibrate {
		var x, y fp.Element
		x.MustSetRandom()
		y.MustSetRandom()
		const k = 10_000_000
		c := cpuNs()
		for i := 0; i < k; i++ {
			x.Mul(&x, &y)
		}
		fmt.Printf("mul %.2f ns cpu (%s)\n", float64(cpuNs()-c)/k, x.String()[:8])
		c = cpuNs()
		for i := 0; i < 10_000; i++ {
			x.Inverse(&x)
			x.Add(&x, &y)
		}
		fmt.Printf("inverse %.2f ns cpu (%s)\n", float64(cpuNs()-c)/1e4, x.String()[:8])
		return
	}

	var sizes []int
	for _, s := range strings.Split(*sizesFlag, ",") {
		l, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			panic(err)
		}
		sizes = append(sizes, l)
	}
	maxLog := 20
	if !*serve {
		maxLog = 0
		for _, l := range sizes {
			maxLog = max(maxLog, l)
		}
	}
	points, scalars := inputs(1 << maxLog)

	if *serve {
		fmt.Println("ready")
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
			l, err := strconv.Atoi(strings.TrimSpace(in.Text()))
			if err != nil {
				panic(err)
			}
			n := 1 << l
			wall, cpu := timeMSM(points[:n], scalars[:n])
			fmt.Printf("%.3f %.3f\n", wall, cpu)
		}
		return
	}
	fmt.Printf("GOMAXPROCS=%d reps=%d\n", runtime.GOMAXPROCS(0), *reps)
	fmt.Printf("%6s %12s\n", "log2n", "gnark_ms")
	for _, l := range sizes {
		n := 1 << l
		timeMSM(points[:n], scalars[:n]) // warm-up
		t := make([]float64, *reps)
		for i := range t {
			t[i], _ = timeMSM(points[:n], scalars[:n])
		}
		fmt.Printf("%6d %12.2f\n", l, median(t))
	}
}

// Command gnark-msm times gnark-crypto's BN254 G1 multi-exponentiation, the
// reference point for masa-zk's own MSM (see ../msm_compare.sh).
//
//	gnark-msm [-sizes 12,14,16,18,20] [-reps 5]   table of medians (ms)
//	gnark-msm -serve                               read log2n lines, answer "ms"
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
	"time"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark-crypto/ecc/bn254"
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

func timeMSM(points []bn254.G1Affine, scalars []fr.Element) float64 {
	var res bn254.G1Affine
	start := time.Now()
	if _, err := res.MultiExp(points, scalars, ecc.MultiExpConfig{}); err != nil {
		panic(err)
	}
	return float64(time.Since(start).Nanoseconds()) / 1e6
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
	serve := flag.Bool("serve", false, "read log2n lines on stdin, print ms per line")
	flag.Parse()

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
			fmt.Printf("%.3f\n", timeMSM(points[:n], scalars[:n]))
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
			t[i] = timeMSM(points[:n], scalars[:n])
		}
		fmt.Printf("%6d %12.2f\n", l, median(t))
	}
}

package tools

import (
	"math"
	"strconv"
	"time"
)

// Examples returns the example tools the worker registers by default. They are pure: no
// network, no state, and (apart from the clock) the same answer for the same arguments.
func Examples() []Tool {
	return []Tool{
		currentTimeTool(time.Now),
		calculateTool(),
		convertUnitsTool(),
	}
}

// roundResult drops float noise (0.1+0.2 = 0.30000000000000004) that would only confuse the
// model, keeping 12 significant digits.
func roundResult(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 12, 64), 64)
	return r
}

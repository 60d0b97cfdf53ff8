package tools

import (
	"context"
	"fmt"
	"math"
)

// maxExpressionBytes bounds the parser's work and recursion depth.
const maxExpressionBytes = 1024

// calculateArgs are the arguments of the calculate tool.
type calculateArgs struct {
	Expression string `json:"expression" desc:"arithmetic expression with numbers, + - * / % ^ and parentheses, e.g. (2+3)*4^2"`
}

// calculateResult is the result of the calculate tool.
type calculateResult struct {
	Result float64 `json:"result"`
}

func calculateTool() Tool {
	return Func("calculate", "Evaluate an arithmetic expression exactly as written. Supports + - * / % ^ (power), parentheses, unary minus and decimals.",
		func(_ context.Context, a calculateArgs) (calculateResult, error) {
			v, err := evaluate(a.Expression)
			return calculateResult{Result: v}, err
		})
}

// evaluate parses and computes an arithmetic expression.
func evaluate(expr string) (float64, error) {
	if len(expr) > maxExpressionBytes {
		return 0, fmt.Errorf("expression is longer than %d bytes", maxExpressionBytes)
	}
	p := &parser{src: expr}
	v, err := p.expression()
	if err != nil {
		return 0, err
	}
	if p.skipSpace(); p.pos < len(p.src) {
		return 0, p.unexpected()
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("result is not a finite number")
	}
	return roundResult(v), nil
}

package tools

import (
	"context"
	"fmt"
)

// convertUnitsArgs are the arguments of the convert_units tool.
type convertUnitsArgs struct {
	Value float64 `json:"value" desc:"the quantity to convert"`
	From  string  `json:"from" enum:"m,km,cm,mi,ft,in,kg,g,lb,oz,C,F,K" desc:"unit of value"`
	To    string  `json:"to" enum:"m,km,cm,mi,ft,in,kg,g,lb,oz,C,F,K" desc:"unit to convert to"`
}

// convertUnitsResult is the result of the convert_units tool.
type convertUnitsResult struct {
	Value  float64 `json:"value"`
	From   string  `json:"from"`
	To     string  `json:"to"`
	Result float64 `json:"result"`
}

// unit converts to its dimension's base unit (m, kg, K) as base = value*scale + offset.
type unit struct {
	dimension string
	scale     float64
	offset    float64
}

var units = map[string]unit{
	"m":  {"length", 1, 0},
	"km": {"length", 1000, 0},
	"cm": {"length", 0.01, 0},
	"mi": {"length", 1609.344, 0},
	"ft": {"length", 0.3048, 0},
	"in": {"length", 0.0254, 0},
	"kg": {"mass", 1, 0},
	"g":  {"mass", 0.001, 0},
	"lb": {"mass", 0.45359237, 0},
	"oz": {"mass", 0.028349523125, 0},
	"K":  {"temperature", 1, 0},
	"C":  {"temperature", 1, 273.15},
	"F":  {"temperature", 5.0 / 9, 459.67 * 5 / 9},
}

func convertUnitsTool() Tool {
	return Func("convert_units", "Convert a value between units of length (m, km, cm, mi, ft, in), mass (kg, g, lb, oz) or temperature (C, F, K).",
		func(_ context.Context, a convertUnitsArgs) (convertUnitsResult, error) {
			r, err := convertUnits(a.Value, a.From, a.To)
			return convertUnitsResult{Value: a.Value, From: a.From, To: a.To, Result: r}, err
		})
}

// convertUnits converts value from one unit to another of the same dimension.
func convertUnits(value float64, from, to string) (float64, error) {
	f, ok := units[from]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q", from)
	}
	t, ok := units[to]
	if !ok {
		return 0, fmt.Errorf("unknown unit %q", to)
	}
	if f.dimension != t.dimension {
		return 0, fmt.Errorf("cannot convert %s (%s) to %s (%s)", f.dimension, from, t.dimension, to)
	}
	base := value*f.scale + f.offset
	if f.dimension == "temperature" && base < 0 {
		return 0, fmt.Errorf("%g %s is below absolute zero", value, from)
	}
	return roundResult((base - t.offset) / t.scale), nil
}

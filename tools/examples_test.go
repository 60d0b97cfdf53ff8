package tools

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// exampleRegistry registers the examples with current_time on a fixed clock.
func exampleRegistry(t *testing.T) *Registry {
	t.Helper()
	r := NewRegistry()
	require.NoError(t, r.Register(Examples()...))
	clock := func() time.Time { return time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC) }
	r.tools["current_time"] = mustPrepare(t, currentTimeTool(clock))
	return r
}

func mustPrepare(t *testing.T, tool Tool) Tool {
	t.Helper()
	p, err := prepare(tool)
	require.NoError(t, err)
	return p
}

func TestExamplesAreStrict(t *testing.T) {
	r := exampleRegistry(t)
	require.Equal(t, []string{"calculate", "convert_units", "current_time"}, r.Names())
	for _, d := range r.Definitions() {
		require.True(t, d.Strict, d.Name)
		require.NotEmpty(t, d.Description, d.Name)
	}
}

func TestExampleTools(t *testing.T) {
	tests := []struct {
		name, tool, args string
		want             string // the output, or a substring of the error output
		wantIsError      bool
	}{
		{"time in Paris", "current_time", `{"timezone":"Europe/Paris"}`,
			`{"timezone":"Europe/Paris","time":"2026-03-14T16:09:26+01:00","weekday":"Saturday"}`, false},
		{"time in UTC", "current_time", `{"timezone":"UTC"}`,
			`{"timezone":"UTC","time":"2026-03-14T15:09:26Z","weekday":"Saturday"}`, false},
		{"unknown zone", "current_time", `{"timezone":"Mars/Olympus"}`, `unknown time zone \"Mars/Olympus\"`, true},
		{"local zone refused", "current_time", `{"timezone":"Local"}`, "not an IANA time zone name", true},
		{"calculate", "calculate", `{"expression":"(2+3)*4^2 - 10/4"}`, `{"result":77.5}`, false},
		{"calculate error", "calculate", `{"expression":"1/0"}`, "division by zero at position 2", true},
		{"convert", "convert_units", `{"value":100,"from":"C","to":"F"}`, `{"value":100,"from":"C","to":"F","result":212}`, false},
		{"incompatible units", "convert_units", `{"value":1,"from":"kg","to":"m"}`, "cannot convert mass (kg) to length (m)", true},
		{"unit outside the enum", "convert_units", `{"value":1,"from":"parsec","to":"m"}`, `field \"from\": \"parsec\" is not one of`, true},
	}
	r := exampleRegistry(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, isError, err := r.Call(context.Background(), tt.tool, tt.args)
			require.NoError(t, err)
			require.Equal(t, tt.wantIsError, isError, out)
			if tt.wantIsError {
				require.Contains(t, out, tt.want)
				return
			}
			require.JSONEq(t, tt.want, out)
		})
	}
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		expr string
		want float64
	}{
		{"1+2*3", 7},
		{"(1+2)*3", 9},
		{"2^3^2", 512}, // right-associative
		{"-2^2", -4},   // power binds tighter than unary minus
		{"2^-1", 0.5},
		{"--3", 3},
		{"+4 - -1", 5},
		{"7 % 3", 1},
		{"-7 % 3", -1},
		{"0.1 + 0.2", 0.3},
		{".5 * 4", 2},
		{"1.5e3 / 3", 500},
		{" 10 / 4 ", 2.5},
	}
	for _, tt := range tests {
		got, err := evaluate(tt.expr)
		require.NoError(t, err, tt.expr)
		require.Equal(t, tt.want, got, tt.expr)
	}
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct{ expr, want string }{
		{"", "expected a number or '(' at end of expression"},
		{"1 +", "expected a number or '(' at end of expression"},
		{"1 / (2-2)", "division by zero at position 3"},
		{"5 % 0", "division by zero at position 3"},
		{"2 * x", "unexpected 'x' at position 5"},
		{"(1 + 2", "missing ')' for the '(' at position 1"},
		{"1 2", "unexpected '2' at position 3"},
		{"1..2", `invalid number "1..2" at position 1`},
		{"10^400", "result is not a finite number"},
		{"(-8)^0.5", "result is not a finite number"},
		{"1 + é", "unexpected 'é' at position 5"},
	}
	for _, tt := range tests {
		_, err := evaluate(tt.expr)
		require.EqualError(t, err, tt.want, tt.expr)
	}
}

func TestConvertUnits(t *testing.T) {
	tests := []struct {
		value    float64
		from, to string
		want     float64
	}{
		{1, "km", "m", 1000},
		{1, "mi", "km", 1.609344},
		{12, "in", "ft", 1},
		{100, "cm", "in", 39.3700787402},
		{1, "lb", "g", 453.59237},
		{16, "oz", "lb", 1},
		{2, "kg", "kg", 2},
		{32, "F", "C", 0},
		{0, "K", "C", -273.15},
		{-40, "C", "F", -40},
		{300, "K", "F", 80.33},
	}
	for _, tt := range tests {
		got, err := convertUnits(tt.value, tt.from, tt.to)
		require.NoError(t, err)
		require.InDelta(t, tt.want, got, 1e-9, "%g %s -> %s", tt.value, tt.from, tt.to)
	}
	_, err := convertUnits(-1, "K", "C")
	require.ErrorContains(t, err, "below absolute zero")
	_, err = convertUnits(1, "C", "lb")
	require.EqualError(t, err, "cannot convert temperature (C) to mass (lb)")
	_, err = convertUnits(1, "yd", "m")
	require.EqualError(t, err, `unknown unit "yd"`)
}

package tools

import (
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// parser is a recursive-descent parser that evaluates while it parses. Grammar, loosest first:
//
//	expression = term { ("+" | "-") term }
//	term       = unary { ("*" | "/" | "%") unary }
//	unary      = ("-" | "+") unary | power
//	power      = primary [ "^" unary ]      (right-associative; -2^2 = -4)
//	primary    = number | "(" expression ")"
type parser struct {
	src string
	pos int
}

func (p *parser) expression() (float64, error) {
	v, err := p.term()
	for err == nil {
		op := p.peek()
		if op != '+' && op != '-' {
			return v, nil
		}
		p.next()
		var r float64
		if r, err = p.term(); err != nil {
			break
		}
		if op == '+' {
			v += r
		} else {
			v -= r
		}
	}
	return 0, err
}

func (p *parser) term() (float64, error) {
	v, err := p.unary()
	for err == nil {
		op := p.peek()
		if op != '*' && op != '/' && op != '%' {
			return v, nil
		}
		at := p.pos
		p.next()
		var r float64
		if r, err = p.unary(); err != nil {
			break
		}
		switch {
		case op == '*':
			v *= r
		case r == 0:
			return 0, fmt.Errorf("division by zero at position %d", at+1)
		case op == '/':
			v /= r
		default:
			v = math.Mod(v, r)
		}
	}
	return 0, err
}

func (p *parser) unary() (float64, error) {
	switch p.peek() {
	case '-':
		p.next()
		v, err := p.unary()
		return -v, err
	case '+':
		p.next()
		return p.unary()
	}
	return p.power()
}

func (p *parser) power() (float64, error) {
	v, err := p.primary()
	if err != nil || p.peek() != '^' {
		return v, err
	}
	p.next()
	e, err := p.unary()
	return math.Pow(v, e), err
}

func (p *parser) primary() (float64, error) {
	switch c := p.peek(); {
	case c == '(':
		open := p.pos
		p.next()
		v, err := p.expression()
		if err != nil {
			return 0, err
		}
		if p.peek() != ')' {
			return 0, fmt.Errorf("missing ')' for the '(' at position %d", open+1)
		}
		p.next()
		return v, nil
	case c >= '0' && c <= '9' || c == '.':
		return p.number()
	case c == 0:
		return 0, p.errorf("expected a number or '('")
	default:
		return 0, p.unexpected()
	}
}

// number reads digits with an optional decimal point and exponent (1.5, .5, 2e3).
func (p *parser) number() (float64, error) {
	start := p.pos
	for p.pos < len(p.src) && (isDigit(p.src[p.pos]) || p.src[p.pos] == '.') {
		p.pos++
	}
	if p.pos < len(p.src) && (p.src[p.pos] == 'e' || p.src[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.src) && (p.src[p.pos] == '+' || p.src[p.pos] == '-') {
			p.pos++
		}
		for p.pos < len(p.src) && isDigit(p.src[p.pos]) {
			p.pos++
		}
	}
	v, err := strconv.ParseFloat(p.src[start:p.pos], 64)
	if err != nil {
		return 0, fmt.Errorf("invalid number %q at position %d", p.src[start:p.pos], start+1)
	}
	return v, nil
}

// peek skips spaces and returns the next byte, or 0 at the end.
func (p *parser) peek() byte {
	p.skipSpace()
	if p.pos >= len(p.src) {
		return 0
	}
	return p.src[p.pos]
}

func (p *parser) next() byte {
	c := p.peek()
	p.pos++
	return c
}

func (p *parser) skipSpace() {
	for p.pos < len(p.src) && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t' || p.src[p.pos] == '\n') {
		p.pos++
	}
}

// errorf reports a syntax error at the current position (1-based, in bytes).
func (p *parser) errorf(format string, args ...any) error {
	if p.pos >= len(p.src) {
		return fmt.Errorf("%s at end of expression", fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("%s at position %d", fmt.Sprintf(format, args...), p.pos+1)
}

// unexpected reports the character at the current position.
func (p *parser) unexpected() error {
	r, _ := utf8.DecodeRuneInString(p.src[p.pos:])
	return p.errorf("unexpected %q", r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

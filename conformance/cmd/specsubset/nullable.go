package main

import "go.yaml.in/yaml/v3"

// The spec is OpenAPI 3.1 (JSON Schema 2020-12) but still carries about 40
// OpenAPI 3.0 `nullable: true` keywords, which 3.1 validators reject. Their
// meaning is unambiguous, so the subset states it in 3.1 terms:
//
//	{type: T, nullable: true}          -> {type: [T, "null"]}
//	{anyOf|oneOf: [...], nullable}     -> {anyOf|oneOf: [..., {type: "null"}]}
//	{allOf: [A, {nullable: true}]}     -> {anyOf: [{allOf: [A]}, {type: "null"}]}
//	any other {..., nullable: true}    -> {anyOf: [{...}, {type: "null"}]}
//
// `nullable: false` is dropped.

// fixNullable rewrites n in place, children first.
func fixNullable(n *yaml.Node) {
	nullable := false
	if all := get(n, "allOf"); all != nil {
		var rest []*yaml.Node
		for _, e := range all.Content {
			if e.Kind == yaml.MappingNode && len(e.Content) == 2 && e.Content[0].Value == "nullable" {
				nullable = nullable || e.Content[1].Value == "true"
				continue
			}
			rest = append(rest, e)
		}
		all.Content = rest
	}
	for _, c := range n.Content {
		fixNullable(c)
	}
	if n.Kind != yaml.MappingNode {
		return
	}
	if v := get(n, "nullable"); v != nil && v.Kind == yaml.ScalarNode {
		nullable = nullable || v.Value == "true"
		del(n, "nullable")
	}
	if !nullable {
		return
	}
	null := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{str("type"), str("null")}}
	if t := get(n, "type"); t != nil && t.Kind == yaml.ScalarNode {
		*t = yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle, Content: []*yaml.Node{str(t.Value), str("null")}}
		return
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if u := get(n, k); u != nil && get(n, "type") == nil {
			u.Content = append(u.Content, null)
			return
		}
	}
	inner := &yaml.Node{Kind: yaml.MappingNode, Content: n.Content}
	n.Content = []*yaml.Node{str("anyOf"), {Kind: yaml.SequenceNode, Content: []*yaml.Node{inner, null}}}
}

// del removes key from mapping n.
func del(n *yaml.Node, key string) {
	for i := 0; i < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			n.Content = append(n.Content[:i], n.Content[i+2:]...)
			return
		}
	}
}

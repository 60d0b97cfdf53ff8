package openaitest

import "encoding/json"

// responseSettings are the sampling and output settings of a CreateResponse
// the emulator keeps and echoes in the Response, as the API does.
type responseSettings struct {
	Temperature     *float64        `json:"temperature"`
	TopP            *float64        `json:"top_p"`
	Text            json.RawMessage `json:"text"`
	Truncation      *string         `json:"truncation"`
	MaxOutputTokens *int            `json:"max_output_tokens"`
	ToolChoice      json.RawMessage `json:"tool_choice"`
}

// validate applies the spec's ranges and enums.
func (s responseSettings) validate() *apiError {
	switch {
	case s.Temperature != nil && (*s.Temperature < 0 || *s.Temperature > 2):
		return invalid("temperature", "Invalid 'temperature': decimal above maximum value. Expected a value between 0 and 2, but got %g instead.", *s.Temperature)
	case s.TopP != nil && (*s.TopP < 0 || *s.TopP > 1):
		return invalid("top_p", "Invalid 'top_p': expected a value between 0 and 1, but got %g instead.", *s.TopP)
	case s.Truncation != nil && *s.Truncation != "auto" && *s.Truncation != "disabled":
		return invalid("truncation", "Invalid value: '%s'. Supported values are: 'auto' and 'disabled'.", *s.Truncation)
	case s.MaxOutputTokens != nil && *s.MaxOutputTokens < 16:
		return invalid("max_output_tokens", "Invalid 'max_output_tokens': integer below minimum value. Expected a value greater than or equal to 16, but got %d instead.", *s.MaxOutputTokens)
	}
	return nil
}

// textFormat is the response's text.format, nil when none was asked for.
func (resp *response) textFormat() json.RawMessage {
	var t struct {
		Format json.RawMessage `json:"format"`
	}
	if json.Unmarshal(resp.settings.Text, &t) != nil {
		return nil
	}
	return t.Format
}

// wireSettings fills the Response fields of the settings, with the API's
// defaults where the request had none.
func (resp *response) wireSettings(w *wireResponse) {
	s := resp.settings
	w.Temperature, w.TopP, w.Truncation = 1, 1, "disabled"
	w.ToolChoice = orRaw(s.ToolChoice, `"auto"`)
	if s.Temperature != nil {
		w.Temperature = *s.Temperature
	}
	if s.TopP != nil {
		w.TopP = *s.TopP
	}
	if s.Truncation != nil {
		w.Truncation = *s.Truncation
	}
	w.MaxOutputTokens = s.MaxOutputTokens
	if len(s.Text) > 0 && string(s.Text) != "null" {
		w.Text = s.Text
	}
}

package trigger

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestMergeBindings(t *testing.T) {
	a := Binding{ActionName: "existing-a", ActionID: "act_a"}
	b := Binding{ActionName: "existing-b", DisplayName: "B"}
	ours := Binding{ActionName: "from-hook"}
	tests := []struct {
		name           string
		existing, ours []Binding
		want           []Binding
	}{
		{"none existing", nil, []Binding{ours}, []Binding{ours}},
		{"kept in order, ours after", []Binding{b, a}, []Binding{ours}, []Binding{b, a, ours}},
		{"already bound stays in place", []Binding{ours, a}, []Binding{ours}, []Binding{ours, a}},
		{"ours once", nil, []Binding{ours, ours}, []Binding{ours}},
		{"nothing of ours", []Binding{a}, nil, []Binding{a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := MergeBindings(tt.existing, tt.ours)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("MergeBindings (-want +got):\n%s", diff)
			}
			if again := MergeBindings(got, tt.ours); !cmp.Equal(got, again) {
				t.Errorf("merging twice changed the list: %v then %v", got, again)
			}
		})
	}
}

func TestDeployCLIEntryOf(t *testing.T) {
	if got, want := DeployCLIEntryOf(Binding{ActionName: "a", ActionID: "id"}), (DeployCLIEntry{ActionName: "a", DisplayName: "a"}); got != want {
		t.Errorf("no display name: got %+v, want %+v", got, want)
	}
	if got, want := DeployCLIEntryOf(Binding{ActionName: "a", DisplayName: "shown"}), (DeployCLIEntry{ActionName: "a", DisplayName: "shown"}); got != want {
		t.Errorf("display name: got %+v, want %+v", got, want)
	}
}

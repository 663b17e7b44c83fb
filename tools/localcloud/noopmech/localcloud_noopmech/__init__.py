"""An ML2 mechanism driver for a local cloud without L2 agents."""

"""gmvcli: shelf vs content+private-domain scenario calculator for live-stream e-commerce."""

__version__ = "0.1.0"

"""The quarterly report the directive (item 10) asks every agency for."""

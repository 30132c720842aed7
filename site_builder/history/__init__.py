"""What changed between two versions of the catalogue, in words that matter to citizens."""

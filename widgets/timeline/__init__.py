"""What happened when: NATO's enlargement and (later) the crisis timeline."""

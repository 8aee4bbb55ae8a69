"""Documents out of the gateway: the PDF pool, calendar entries, QR codes and download names."""

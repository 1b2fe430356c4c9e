"""Testes do livro gerado, no navegador (Chromium + Playwright) e no HTML."""

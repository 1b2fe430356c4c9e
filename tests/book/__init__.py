"""Testes das extensões do livro (_ext), sem gerar o livro."""

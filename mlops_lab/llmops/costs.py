"""Contagem de *tokens* e custo de uma chamada.

Um LLM de verdade conta *tokens* com o seu próprio *tokenizer* (pedaços de
palavra; em português, uma palavra costuma virar mais de um *token*). Aqui a
conta é documentada e simples: cada palavra (sequência de letras, dígitos ou
``_``) e cada sinal de pontuação é um *token*. O preço por mil *tokens* é um
**parâmetro** do curso (:class:`Price`), não o preço de nenhum fornecedor:
troque-o pelo da sua tabela.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mlops_lab.errors import MlopsLabError

__all__ = ["TOKEN_PATTERN", "count_tokens", "Price"]

#: O padrão de um *token*: uma palavra ou um sinal que não é espaço.
TOKEN_PATTERN = re.compile(r"\w+|[^\w\s]")


def count_tokens(text: str) -> int:
    """Quantos *tokens* o texto tem (palavras e sinais de pontuação).

    Examples
    --------
    >>> count_tokens("Olá! O plano Controle tem franquia.")
    8
    >>> count_tokens("")
    0
    """
    return len(TOKEN_PATTERN.findall(text))


@dataclass(frozen=True)
class Price:
    """Preço, em reais, por mil *tokens* de entrada e de saída (parâmetros, não fatos).

    Examples
    --------
    >>> Price(input_per_1k=0.002, output_per_1k=0.008).cost(1000, 500)
    0.006
    """

    input_per_1k: float = 0.002
    output_per_1k: float = 0.008

    def __post_init__(self) -> None:
        if self.input_per_1k < 0 or self.output_per_1k < 0:
            raise MlopsLabError("O preço por mil tokens não pode ser negativo; use 0 ou mais.")

    def cost(self, input_tokens: int, output_tokens: int) -> float:
        """Custo da chamada, arredondado em 6 casas."""
        return round((input_tokens * self.input_per_1k + output_tokens * self.output_per_1k)
                     / 1000, 6)

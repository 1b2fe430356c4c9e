"""Erros que o usuário pode corrigir sozinho."""


class MlopsLabError(ValueError):
    """Entrada inválida: a mensagem diz o que está errado e o que fazer.

    A linha de comando mostra só a mensagem (sem *traceback*) e sai com
    código 2. Herdar de ``ValueError`` permite que código que já trata
    ``ValueError`` continue funcionando.
    """

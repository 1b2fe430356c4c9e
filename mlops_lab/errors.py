"""Erros que o usuário pode corrigir sozinho."""

from __future__ import annotations

from types import ModuleType

__all__ = ["MlopsLabError", "require"]


class MlopsLabError(ValueError):
    """Entrada inválida: a mensagem diz o que está errado e o que fazer.

    A linha de comando mostra só a mensagem (sem *traceback*) e sai com
    código 2. Herdar de ``ValueError`` permite que código que já trata
    ``ValueError`` continue funcionando.
    """


def require(module: str, extra: str, purpose: str) -> ModuleType:
    """Importa um pacote opcional; se faltar, diz qual extra do mlops-lab o instala.

    Parameters
    ----------
    module : str
        O módulo a importar (por exemplo ``"duckdb"`` ou ``"dask.dataframe"``).
    extra : str
        O extra do ``pyproject.toml`` que traz o pacote (``"bigdata"``, ``"grade"``).
    purpose : str
        Quem precisa do pacote, no começo da mensagem (``"Este motor"``).

    Returns
    -------
    module
        O módulo importado.

    Raises
    ------
    MlopsLabError
        Se o pacote não estiver instalado: a linha de comando sai com código 2.

    Examples
    --------
    >>> require("json", "grade", "A correção").__name__
    'json'
    >>> try:
    ...     require("pacote_que_nao_existe", "grade", "A correção")
    ... except MlopsLabError as erro:
    ...     print(str(erro).replace(". ", ".\\n"))
    A correção precisa do pacote pacote_que_nao_existe, que não está instalado.
    Instale com: pip install 'mlops-lab[grade]'
    """
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as erro:
        pacote = module.split(".")[0]
        raise MlopsLabError(
            f"{purpose} precisa do pacote {pacote}, que não está instalado. Instale com: "
            f"pip install 'mlops-lab[{extra}]'") from erro
